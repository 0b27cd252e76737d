/** Small helpers for actions with several buttons. */

/** Reads `intent` ("publish", or "delete-resource:12") into a name and an optional id. */
export function readIntent(form: FormData): { name: string; id: number | null } {
  const raw = String(form.get('intent') ?? '');
  const [name = '', id] = raw.split(':');
  const parsed = id !== undefined && /^\d{1,12}$/.test(id) ? Number(id) : null;
  return { name, id: parsed };
}

/** A route parameter that must be a positive integer id; anything else is a 404. */
export function requireIdParam(value: string | undefined): number {
  if (!value || !/^\d{1,12}$/.test(value)) throw new Response('Not Found', { status: 404 });
  return Number(value);
}
