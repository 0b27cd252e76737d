/**
 * For routes that may answer 429: the Retry-After of an action's answer or of a thrown response
 * reaches the rendered page (Remix drops them unless the route passes them on). Typed by shape, so
 * this module does not depend on Remix; it fits a route's `headers` export.
 */
export const keepRetryAfter = ({ actionHeaders, errorHeaders }: { actionHeaders: Headers; errorHeaders?: Headers }): Headers => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get('Retry-After') ?? actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
