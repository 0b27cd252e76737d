/**
 * Figures every visitor sees the same (site-wide counts, the catalogue's facets) are recomputed at
 * most once a minute per process instead of on every page view. They are only ever a little old,
 * never wrong for long, and nothing depends on them being exact. A computation that answers a
 * Promise is shared by everyone asking meanwhile; if it fails, the next caller computes again
 * instead of receiving the failure until it expires.
 */
function forgetOnFailure<T>(value: T, forget: () => void): T {
  if (value instanceof Promise) value.catch(forget);
  return value;
}

export function memoised<T>(ttlMs: number, compute: () => T): () => T {
  let value: T | undefined;
  let expires = 0;
  return () => {
    const now = Date.now();
    if (value === undefined || now >= expires) {
      const computed: T = forgetOnFailure(compute(), () => {
        if (value === computed) expires = 0;
      });
      value = computed;

      expires = now + ttlMs;
    }
    return value;
  };
}

/**
 * The same per key (a challenge, a language): each key's value recomputed at most once per `ttlMs`,
 * at most `maxKeys` kept (the least recently computed go first), so it cannot grow with the data.
 */
export function memoisedBy<K, T>(ttlMs: number, maxKeys: number, compute: (key: K) => T, keyOf: (key: K) => string = String): (key: K) => T {
  const kept = new Map<string, { value: T; expires: number }>();
  return (key) => {
    const cacheKey = keyOf(key);
    const now = Date.now();
    const known = kept.get(cacheKey);
    if (known && now < known.expires) return known.value;
    const value: T = forgetOnFailure(compute(key), () => {
      if (kept.get(cacheKey)?.value === value) kept.delete(cacheKey);
    });
    kept.delete(cacheKey);

    kept.set(cacheKey, { value, expires: now + ttlMs });
    if (kept.size > maxKeys) kept.delete(kept.keys().next().value as string);
    return value;
  };
}
