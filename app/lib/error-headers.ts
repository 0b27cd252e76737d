import type { HeadersFunction } from '@remix-run/node';

/**
 * For routes that may answer 429: the Retry-After of an action's answer or of a thrown response
 * reaches the rendered page (Remix drops them unless the route passes them on).
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get('Retry-After') ?? actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
