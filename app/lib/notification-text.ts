/**
 * The one line a notification says, in the reader's language. Stored notifications keep only the
 * kind and its parameters, so the same row reads right in Chinese and in English.
 */
import type { NotificationKind } from '~/lib/vocabulary';
import { isMessageKey, type MessageKey, type Translate } from './i18n';

export function notificationLine(t: Translate, kind: NotificationKind, params: Record<string, string>, formatDateTime: (iso: string) => string): string {
  const values: Record<string, string> = { ...params };
  if (params.at) values.at = formatDateTime(params.at);
  if (params.status) {
    const key = `requests.status.${params.status}`;
    values.status = isMessageKey(key) ? t(key) : params.status;
  }
  const key: MessageKey =
    params.notice === 'deadlineExtended' ? 'notification.deadline_extended' : params.headline ? 'notification.challenge_update_headline' : `notification.${kind}`;
  return t(key, values);
}
