/** Small helpers for reading ids, intents and page numbers from forms and URLs. */

/** A positive integer id written as digits (at most 12), or null for anything else. */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null;
}

/** Reads `intent` ("publish", or "delete-resource:12") into a name and an optional id. */
export function readIntent(form: FormData): { name: string; id: number | null } {
  const raw = String(form.get('intent') ?? '');
  const [name = '', id] = raw.split(':');
  return { name, id: parseId(id) };
}

/** A route parameter that must be a positive integer id; anything else is a 404. */
export function requireIdParam(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw new Response('Not Found', { status: 404 });
  return id;
}

/** The `page` query parameter of a paged list (or another name): 1 when missing or nonsense, at most 10,000. */
export function readPage(url: URL, name = 'page'): number {
  return Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get(name) ?? '1', 10) || 1));
}
