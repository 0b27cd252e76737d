/** When to try a failed mail again: 1, 2, 4 … minutes, at most 6 hours apart; give up after 10 attempts. */
export const MAX_MAIL_ATTEMPTS = 10;

export function nextMailAttempt(attemptsSoFar: number, now: Date): Date | null {
  if (attemptsSoFar + 1 >= MAX_MAIL_ATTEMPTS) return null;
  const minutes = Math.min(2 ** attemptsSoFar, 360);
  return new Date(now.getTime() + minutes * 60_000);
}
