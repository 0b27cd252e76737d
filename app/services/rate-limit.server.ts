/** The process's rate limiters (one Node process serves the site, so memory is the right store). */
import { RateLimiter } from '~/lib/rate-limit';

/** People's Choice: a person may change their vote, but not hammer the button or script it. */
export const voteLimiter = new RateLimiter(10, 60_000);
