/**
 * The label a request's metrics are filed under: its path with ids and slugs replaced, so that
 * `/challenges/bus-routes/entries?page=2` and every other challenge's page count as one route and
 * the number of time series stays bounded whatever visitors (or scanners) ask for.
 */

/** Segments followed by a slug or an id in this app's addresses. */
const COLLECTIONS = new Set(['challenges', 'datasets', 'resources', 'entries', 'requests', 'judging', 'departments', 'users', 'organizations', 'posts', 'comments', 'attachments', 'imports', 'action']);
/** Literal segments that can follow a collection name (`/challenges/new`). */
const LITERAL_AFTER_COLLECTION = new Set(['new']);
const LITERAL = /^[a-z][a-z0-9_.-]{0,39}$/;
const MAX_SEGMENTS = 7;

export function routeLabel(path: string, status: number): string {
  if (status === 404) return 'not-found';
  if (path.startsWith('/assets/')) return '/assets/:file';
  const segments = path.split('/').filter(Boolean);
  if (segments.length > MAX_SEGMENTS) return 'other';
  const labelled = segments.map((segment, i) => {
    const previous = segments[i - 1];
    if (/^\d+$/.test(segment)) return ':id';
    if (previous !== undefined && COLLECTIONS.has(previous) && !LITERAL_AFTER_COLLECTION.has(segment)) return ':slug';
    return LITERAL.test(segment) ? segment : ':x';
  });
  return `/${labelled.join('/')}`;
}
