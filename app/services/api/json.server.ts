/** JSON responses of the public APIs: open to every origin for reading, never cached when private. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
};

export function apiJson(body: unknown, init: { status?: number; cache?: 'public' | 'private' } = {}): Response {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { ...CORS_HEADERS, 'Cache-Control': init.cache === 'private' ? 'private, no-store' : 'public, max-age=60' },
  });
}

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return apiJson({ error: { code, message, ...extra } }, { status, cache: 'private' });
}

/**
 * `limit` and `offset` of a list endpoint: limit clamped to the endpoint's maximum (the answer
 * says which limit applied), or a 400 response for anything that is not a whole number.
 */
export function readLimitOffset(url: URL, options: { defaultLimit: number; maxLimit: number; maxOffset?: number }): { limit: number; offset: number } | Response {
  const number = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    return raw === null || raw === '' ? fallback : /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const limit = number('limit', options.defaultLimit);
  const offset = number('offset', 0);
  if (!Number.isFinite(limit) || limit < 1) return apiError(400, 'badLimit', 'limit must be a positive integer');
  if (!Number.isFinite(offset)) return apiError(400, 'badOffset', 'offset must be a non-negative integer');
  const maxOffset = options.maxOffset ?? 100_000;
  if (offset > maxOffset) return apiError(400, 'badOffset', `offset may be at most ${maxOffset}; narrow the query with filters instead`);
  return { limit: Math.min(limit, options.maxLimit), offset };
}
