/**
 * Automatic announcements are stored as a notice (kind and date), not as text, so every reader
 * sees them in their own language.
 */
import type { ChangeNotice } from './challenge-rules';

export function encodeNotice(notice: ChangeNotice): string {
  return JSON.stringify('to' in notice ? { kind: notice.kind, to: notice.to.toISOString() } : { kind: notice.kind });
}

export function decodeNotice(body: string): { kind: ChangeNotice['kind']; to?: string } | null {
  try {
    const value = JSON.parse(body) as { kind?: unknown; to?: unknown };
    const kinds: ChangeNotice['kind'][] = ['deadlineExtended', 'judgingExtended', 'briefUpdated', 'prizesUpdated', 'criteriaUpdated', 'rulesUpdated', 'datasetsUpdated'];
    if (typeof value.kind !== 'string' || !kinds.includes(value.kind as ChangeNotice['kind'])) return null;
    return { kind: value.kind as ChangeNotice['kind'], ...(typeof value.to === 'string' ? { to: value.to } : {}) };
  } catch {
    return null;
  }
}
