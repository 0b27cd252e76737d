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
