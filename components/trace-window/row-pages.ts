/**
 * Which pages of rows the windowed Gantt asks the server for (GET /api/traces/{id}/rows, `pageSize`
 * rows a page): the pages of the rows drawn, and before they are needed the pages within `ahead`
 * rows of them in the direction of scroll, so a steady scroll finds its rows arrived. Still (no
 * direction yet), half as far either way.
 */
export type ScrollDirection = -1 | 0 | 1;

export interface RowWindow {
  /** The first and last rows drawn (overscan included). */
  first: number;
  last: number;
}

export function rowPagesFor(shown: RowWindow, direction: ScrollDirection, total: number, pageSize: number, ahead = pageSize): number[] {
  if (total <= 0 || shown.last < shown.first || shown.first >= total) return [];
  const before = direction < 0 ? ahead : direction > 0 ? 0 : Math.ceil(ahead / 2);
  const after = direction > 0 ? ahead : direction < 0 ? 0 : Math.ceil(ahead / 2);
  const from = Math.floor(Math.max(0, shown.first - before) / pageSize);
  const to = Math.floor(Math.min(total - 1, shown.last + after) / pageSize);
  const pages: number[] = [];
  for (let page = from; page <= to; page++) pages.push(page);
  return pages;
}

/** Where the rows drawn moved: down (1), up (-1), or as before when they did not. */
export function scrollDirection(previous: RowWindow | null, next: RowWindow, before: ScrollDirection): ScrollDirection {
  if (!previous || next.first === previous.first) return before;
  return next.first > previous.first ? 1 : -1;
}

export const samePages = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((p, i) => p === b[i]);
