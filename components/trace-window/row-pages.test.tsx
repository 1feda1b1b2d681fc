import { describe, expect, it } from "vitest";
import { rowPagesFor, samePages, scrollDirection } from "./row-pages";

const PAGE = 200;

describe("rowPagesFor: the pages of rows to have for the rows drawn", () => {
  it("scrolling down: the pages drawn and the next one, before the rows reach it", () => {
    // Rows 0–60 drawn: page 0, and page 1 already asked for (within one page below).
    expect(rowPagesFor({ first: 0, last: 60 }, 1, 1_000_000, PAGE)).toEqual([0, 1]);
    // Rows 150–210 straddle pages 0 and 1: both, and page 2 ahead.
    expect(rowPagesFor({ first: 150, last: 210 }, 1, 1_000_000, PAGE)).toEqual([0, 1, 2]);
    // Nothing behind the scroll is asked for again.
    expect(rowPagesFor({ first: 420, last: 480 }, 1, 1_000_000, PAGE)).toEqual([2, 3]);
  });

  it("scrolling up: the pages drawn and the one above", () => {
    expect(rowPagesFor({ first: 420, last: 480 }, -1, 1_000_000, PAGE)).toEqual([1, 2]);
    expect(rowPagesFor({ first: 10, last: 70 }, -1, 1_000_000, PAGE)).toEqual([0]);
  });

  it("still: half a page either way", () => {
    expect(rowPagesFor({ first: 420, last: 480 }, 0, 1_000_000, PAGE)).toEqual([1, 2]);
    expect(rowPagesFor({ first: 250, last: 310 }, 0, 1_000_000, PAGE)).toEqual([0, 1, 2]);
    expect(rowPagesFor({ first: 320, last: 360 }, 0, 1_000_000, PAGE)).toEqual([1, 2]);
  });

  it("a farther look-ahead asks for more pages in the direction of scroll", () => {
    expect(rowPagesFor({ first: 0, last: 60 }, 1, 1_000_000, PAGE, 2 * PAGE)).toEqual([0, 1, 2]);
  });

  it("never past the last row, nor before the first", () => {
    // 1,000 rows: pages 0–4; at the end nothing beyond page 4.
    expect(rowPagesFor({ first: 950, last: 999 }, 1, 1000, PAGE)).toEqual([4]);
    expect(rowPagesFor({ first: 0, last: 40 }, -1, 1000, PAGE)).toEqual([0]);
    expect(rowPagesFor({ first: 0, last: 40 }, 1, 30, PAGE)).toEqual([0]);
  });

  it("no rows, no pages", () => {
    expect(rowPagesFor({ first: 0, last: 40 }, 1, 0, PAGE)).toEqual([]);
    expect(rowPagesFor({ first: 5000, last: 5040 }, 1, 1000, PAGE)).toEqual([]);
  });
});

describe("scrollDirection", () => {
  it("down when the first row drawn moves down, up when it moves up, as before when it stays", () => {
    expect(scrollDirection(null, { first: 0, last: 40 }, 0)).toBe(0);
    expect(scrollDirection({ first: 0, last: 40 }, { first: 5, last: 45 }, 0)).toBe(1);
    expect(scrollDirection({ first: 5, last: 45 }, { first: 2, last: 42 }, 1)).toBe(-1);
    // Only the last row moved (the list grew): the direction is kept.
    expect(scrollDirection({ first: 2, last: 42 }, { first: 2, last: 60 }, -1)).toBe(-1);
  });
});

describe("samePages", () => {
  it("compares page lists by value", () => {
    expect(samePages([1, 2], [1, 2])).toBe(true);
    expect(samePages([1, 2], [1, 2, 3])).toBe(false);
    expect(samePages([1, 3], [1, 2])).toBe(false);
  });
});
