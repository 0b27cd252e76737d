/**
 * Possible conflicts of interest a machine can spot: a judge whose e-mail domain is a team
 * member's (same employer, university or company). Public mail providers say nothing about
 * affiliation, so they never match. These are flags for the organiser, not decisions.
 */

/** Consumer mail services common in China and abroad; a shared one is not a shared employer. */
const PUBLIC_MAIL_DOMAINS = new Set([
  '126.com',
  '139.com',
  '163.com',
  '189.cn',
  '21cn.com',
  'aliyun.com',
  'foxmail.com',
  'gmail.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'me.com',
  'msn.com',
  'outlook.com',
  'qq.com',
  'sina.cn',
  'sina.com',
  'sohu.com',
  'tom.com',
  'vip.163.com',
  'vip.qq.com',
  'vip.sina.com',
  'wo.cn',
  'yahoo.com',
  'yeah.net',
  'proton.me',
  'protonmail.com',
]);

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return domain || null;
}

/**
 * The organisation part of a domain, so `cs.pku.edu.cn` and `pku.edu.cn` match: the last two labels,
 * or three when the second-level label is a generic one under a country code (`edu.cn`, `com.cn`).
 */
export function organisationDomain(domain: string): string {
  const labels = domain.split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const generic = new Set(['ac', 'co', 'com', 'edu', 'gov', 'net', 'org']);
  const secondLevel = labels[labels.length - 2] ?? '';
  const take = generic.has(secondLevel) && (labels[labels.length - 1] ?? '').length === 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Reserved names (RFC 2606/6761) stand for no organisation: demo and test accounts use them. */
function isReservedDomain(domain: string): boolean {
  return /(^|\.)(example|test|invalid|localhost)$/.test(domain) || /^example\.(com|net|org)$/.test(organisationDomain(domain));
}

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain) || PUBLIC_MAIL_DOMAINS.has(organisationDomain(domain)) || isReservedDomain(domain);
}

export interface PossibleConflict {
  entryId: number;
  judgeId: number;
  domain: string;
}

export function possibleConflicts(judges: { judgeId: number; email: string }[], members: { entryId: number; email: string }[]): PossibleConflict[] {
  const entriesByDomain = new Map<string, Set<number>>();
  for (const member of members) {
    const domain = emailDomain(member.email);
    if (!domain || isPublicMailDomain(domain)) continue;
    const key = organisationDomain(domain);
    let set = entriesByDomain.get(key);
    if (!set) entriesByDomain.set(key, (set = new Set()));
    set.add(member.entryId);
  }
  const found: PossibleConflict[] = [];
  for (const judge of judges) {
    const domain = emailDomain(judge.email);
    if (!domain || isPublicMailDomain(domain)) continue;
    const key = organisationDomain(domain);
    for (const entryId of entriesByDomain.get(key) ?? []) found.push({ entryId, judgeId: judge.judgeId, domain: key });
  }
  return found.sort((a, b) => a.entryId - b.entryId || a.judgeId - b.judgeId);
}
