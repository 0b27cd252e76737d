/** The audit log's filters from a URL, shared by its page and its CSV export. */
import { config } from '~/config.server';
import { zonedLocalToDate } from '~/lib/zoned-time';
import type { AuditQuery } from '~/models/audit.server';

/** A day in the site's zone, from its first or to its last minute. */
function day(raw: string, endOfDay: boolean): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  return zonedLocalToDate(`${raw}T${endOfDay ? '23:59' : '00:00'}`, config().timeZone) ?? undefined;
}

export function readAuditFilters(url: URL): { filters: { action: string; actor: string; since: string; until: string }; query: Omit<AuditQuery, 'limit' | 'offset'> } {
  const filters = {
    action: (url.searchParams.get('action') ?? '').trim().slice(0, 80),
    actor: (url.searchParams.get('actor') ?? '').trim().slice(0, 254),
    since: (url.searchParams.get('since') ?? '').slice(0, 10),
    until: (url.searchParams.get('until') ?? '').slice(0, 10),
  };
  return {
    filters,
    query: { action: filters.action || undefined, actor: filters.actor || undefined, since: day(filters.since, false), until: day(filters.until, true) },
  };
}
