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
  if (params.stage) {
    const key = `adoption.stage.${params.stage}`;
    values.stage = isMessageKey(key) ? t(key) : params.stage;
  }
  if (params.decision) {
    const key = `applications.decision.${params.decision}`;
    values.decision = isMessageKey(key) ? t(key) : params.decision;
  }
  const key: MessageKey =
    params.notice === 'deadlineExtended' ? 'notifications.deadline_extended' : params.headline ? 'notifications.challenge_update_headline' : `notifications.${kind}`;
  return t(key, values);
}
