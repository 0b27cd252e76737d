/** The translated "too many attempts" line for forms whose action answered 429. */
import { useT } from './i18n';

export function RateLimitNotice({ actionData }: { actionData: unknown }) {
  const t = useT();
  const limited = (actionData as { rateLimited?: { minutes: number } | null } | undefined)?.rateLimited;
  if (!limited) return null;
  return (
    <p role="alert" className="text-sm text-rose-700">
      {t('errors.rateLimited', { minutes: limited.minutes })}
    </p>
  );
}
