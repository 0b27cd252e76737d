import type { HeadersFunction } from '@remix-run/node';

/**
 * For routes that may answer 429: the Retry-After of a thrown response reaches the rendered
 * error page (Remix drops a thrown response's headers unless the route passes them on).
 */
export const keepRetryAfter: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
