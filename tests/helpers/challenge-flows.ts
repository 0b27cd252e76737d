/**
 * The participant's journey driven over HTTP, shared by the challenge and judging tests: sign in,
 * register, create and publish a challenge, start and fill an entry, and move a challenge's
 * timeline in the database (the server judges it against its own clock); and a results page read
 * once its ranking is computed. The database is the server's, on either engine (./server-db.ts).
 */
import { expect } from 'vitest';
import { dateToZonedLocal } from '../../app/lib/zoned-time';
import { DEMO_PASSWORD } from './demo';
import { HttpClient, visibleText } from './http';
import type { ServerDatabase } from './server-db';

export const DAY = 86_400_000;
export const local = (offsetMs: number) => dateToZonedLocal(new Date(Date.now() + offsetMs), 'Asia/Shanghai');

/** Form fields as strings, plus the multi-valued dataset picker. */
export type ChallengeFields = { datasets?: string[] } & { [field: string]: string | string[] | undefined };

/** The link in the latest verification mail to an address (the outbox keeps every mail). */
export async function verificationLink(db: ServerDatabase, email: string): Promise<string> {
  const row = await db.get<{ text: string }>(`select text from mail_outbox where "to" = ? and kind = 'verify' order by id desc limit 1`, email.toLowerCase());
  const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(row?.text ?? '')?.[0];
  if (!link) throw new Error(`no verification mail to ${email}`);
  return new URL(link).pathname + new URL(link).search;
}

/** `context` is read at call time, since the server starts in `beforeAll`. */
export function challengeFlows(context: () => { url: string; db: ServerDatabase }) {
  async function signedIn(email: string) {
    const http = new HttpClient(context().url, { 'Accept-Language': 'zh-CN' });
    await http.signIn(email, DEMO_PASSWORD);
    return http;
  }

  async function register(name: string, email: string) {
    const http = new HttpClient(context().url, { 'Accept-Language': 'zh-CN' });
    const response = await http.post('/register', { consent: 'on', name, email, password: `${name} 的长密码 2026` });
    expect(response.status).toBe(302);
    // Open the verification link from the mail, as the person would.
    expect((await http.get(await verificationLink(context().db, email))).status).toBe(200);
    return http;
  }


  function challengeForm(fields: ChallengeFields) {
    const form = new URLSearchParams({
      title: '夜班公交线路征集',
      summary: '哪些区域需要夜班公交？',
      body: '## 背景\n\n夜间出行需求增长。',
      prizes: '一等奖 5000 元',
      opensAt: local(-DAY),
      closesAt: local(10 * DAY),
      judgingEndsAt: local(20 * DAY),
      allowIdeas: 'on',
      allowPrototypes: 'on',
      teamSizeLimit: '2',
      'criteria[0].name': '可行性',
      'criteria[0].weight': '60',
      'criteria[0].maxScore': '10',
      'criteria[1].name': '数据使用',
      'criteria[1].weight': '40',
      'criteria[1].maxScore': '10',
    });
    for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') form.set(key, value);
    for (const slug of fields.datasets ?? []) form.append('datasets', slug);
    return form;
  }

  async function createChallenge(official: HttpClient, fields: ChallengeFields, publish = true): Promise<string> {
    const created = await official.post('/manage/challenges/new', challengeForm(fields));
    expect(created.status, visibleText(created.body).slice(0, 400)).toBe(302);
    const slug = (created.location ?? '').replace('/manage/challenges/', '');
    if (publish) expect((await official.post(`/manage/challenges/${slug}`, { intent: 'publish' })).status).toBe(302);
    return slug;
  }

  async function startEntry(http: HttpClient, slug: string): Promise<number> {
    const response = await http.post(`/challenges/${slug}`, {});
    expect(response.status, visibleText(response.body).slice(0, 300)).toBe(302);
    return Number((response.location ?? '').replace('/entries/', ''));
  }

  function entryForm(version: number, fields: Record<string, string> = {}) {
    return { intent: 'save', version: String(version), kind: 'idea', title: '夜班公交热力图', teamName: '夜行者', summary: '用夜间刷卡数据找出需要夜班车的区域。', body: '按 22 点以后的刷卡记录汇总站点客流，结合出租车订单推测夜间出行热点，给出三条夜班线路建议。', repository: '', demo: '', video: '', ...fields };
  }

  async function versionOf(entryId: number): Promise<number> {
    const row = await context().db.get<{ version: number }>('select version from submissions where id = ?', entryId);
    if (!row) throw new Error(`no entry ${entryId}`);
    return row.version;
  }

  /** Moves a challenge's timeline; times in epoch milliseconds. */
  async function setTimeline(slug: string, fields: { opensAt?: number; closesAt?: number; judgingEndsAt?: number }) {
    const columns = { opensAt: 'opens_at', closesAt: 'closes_at', judgingEndsAt: 'judging_ends_at' } as const;
    for (const [key, value] of Object.entries(fields)) {
      await context().db.run(`update challenges set ${columns[key as keyof typeof columns]} = ? where slug = ?`, new Date(value), slug);
    }
  }

  return { signedIn, register, challengeForm, createChallenge, startEntry, entryForm, versionOf, setTimeline };
}

/**
 * A results page (the organiser's or the public one) once its ranking is current. A page waits a
 * few seconds for the ranking's worker and otherwise says it is still computing and reloads
 * itself; a worker starting on a busy machine can take longer than that, so this reloads as the
 * page would.
 */
export async function computedResults(http: HttpClient, path: string) {
  for (let attempt = 1; ; attempt += 1) {
    const page = await http.get(path);
    const text = visibleText(page.body);
    const computing = text.includes('正在计算评审结果') || text.includes('排名正在重新计算');
    if (!computing || attempt === 20) return page;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
