/**
 * A page's server render waits for what it can show at once, not for work that takes seconds:
 * `promise`'s value if it settles within `ms`, else null (its work goes on, and a later request
 * for the same thing shares it; a late rejection is left to that request: Promise.race has
 * handled it here).
 */
export async function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    const first = await Promise.race([promise.then((value) => ({ value })), late]);
    return first === null ? null : first.value;
  } finally {
    clearTimeout(timer);
  }
}
