/**
 * Figures every visitor sees the same (site-wide counts, the catalogue's facets) are recomputed at
 * most once a minute per process instead of on every page view. They are only ever a little old,
 * never wrong for long, and nothing depends on them being exact.
 */
export function memoised<T>(ttlMs: number, compute: () => T): () => T {
  let value: T | undefined;
  let expires = 0;
  return () => {
    const now = Date.now();
    if (value === undefined || now >= expires) {
      value = compute();
      expires = now + ttlMs;
    }
    return value;
  };
}
