/**
 * The department's inbox on /manage: what waits for 民政局's officials (a data request, a question
 * without an official answer, an upload waiting for a privacy decision, a dataset late against its
 * declared frequency), each with its age and a link, gone once dealt with, and nothing of another
 * department's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const DAY = 24 * 60 * 60 * 1000;
let server: TestServer;
let db: ServerDatabase;
let citizen: HttpClient;
let civil: HttpClient;

async function signedIn(email: string): Promise<HttpClient> {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

/** The inbox section of the workspace, as read. */
const inboxText = async (http: HttpClient) => {
  const html = (await http.get('/manage')).body;
  return visibleText(html.slice(html.indexOf('id="inbox"'), html.indexOf('id="manage-challenges"')));
};

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  citizen = await signedIn(PARTICIPANT);
  civil = await signedIn(CIVIL_OFFICIAL);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe('the department inbox', () => {
  it('lists a data request with its age, and says when it is overdue', async () => {
    const asked = await citizen.post('/requests/new', { title: '各街道养老床位数', description: '希望按街道公开养老机构床位数和入住率。', purpose: '', department: 'civil-affairs' });
    const id = Number(asked.location?.split('/').pop());
    const fresh = await inboxText(civil);
    expect(fresh).toContain('待答复的数据需求（1）');
    expect(fresh).toMatch(/各街道养老床位数 已等待 0 天/);
    expect(fresh).not.toContain('· 已超期');
    await db.run('update data_requests set created_at = ? where id = ?', new Date(Date.now() - 30 * DAY), id);
    expect(await inboxText(civil)).toMatch(/各街道养老床位数 已等待 30 天（[^）]+） · 已超期/);
    // The page counts it in the navigation too, and another department sees none of it.
    expect(visibleText((await civil.get('/requests')).body)).toMatch(/工作台 1 1 项待办/);
    expect(await inboxText(await signedIn(TRANSPORT_OFFICIAL))).not.toContain('各街道养老床位数');
  });

  it('lists a question until an official answers it', async () => {
    const asked = await citizen.post('/challenges/relief-payment-accuracy', { intent: 'comment.create', body: '请问低保数据里的乡镇代码用的是哪一版行政区划？' });
    expect(asked.status).toBe(302);
    expect(await inboxText(civil)).toContain('挑战讨论区里还没有官方回答的问题（1）');
    const questionId = Number(/comment=(\d+)/.exec(asked.location ?? '')?.[1]);
    // Its officials were told at once, with a link to the question.
    const told = await db.all("select n.link from notifications n join users u on u.id = n.user_id where u.email = ? and n.kind = 'question_received'", CIVIL_OFFICIAL);
    expect(told).toEqual([{ link: `/challenges/relief-payment-accuracy?comment=${questionId}#comment-${questionId}` }]);
    const answered = await civil.post('/challenges/relief-payment-accuracy', { intent: 'comment.create', parentId: String(questionId), body: '用的是 2024 年的行政区划代码。' });
    expect(answered.status).toBe(302);
    expect(await inboxText(civil)).not.toContain('还没有官方回答的问题');
  });

  it('lists an upload waiting for a privacy decision, and a dataset late against its frequency', async () => {
    await db.run(
      "insert into privacy_findings (resource_id, \"column\", detector, matched, non_empty, share, basis, examples, created_at) select r.id, '负责人', 'name', 10, 10, 1, 'both', '[]', ? from dataset_resources r join datasets d on d.id = r.dataset_id where d.slug = 'elderly-care-institutions'",
      new Date(),
    );
    await db.run(
      "update resource_imports set finished_at = ? where resource_id in (select r.id from dataset_resources r join datasets d on d.id = r.dataset_id where d.slug = 'subsistence-allowance-by-township')",
      new Date(Date.now() - 60 * DAY),
    );
    const inbox = await inboxText(civil);
    expect(inbox).toContain('等待个人信息处理决定的数据文件（1）');
    expect(inbox).toContain('养老机构名录 · ');
    expect(inbox).toMatch(/超过声明的更新频率还没有更新的数据集（1）[\s\S]*最近一次更新是 [^（]+（60 天前）/);
  });

  it('lists a challenge whose judging lags behind the calendar', async () => {
    // Three days into fifteen of judging, half the reviews are in: on schedule.
    expect(await inboxText(civil)).not.toContain('评审进度落后');
    // Twelve days in with the same reviews: behind.
    await db.run("update challenges set closes_at = ?, judging_ends_at = ? where slug = 'relief-payment-accuracy'", new Date(Date.now() - 12 * DAY), new Date(Date.now() + 3 * DAY));
    const html = (await civil.get('/manage')).body;
    expect(visibleText(html)).toMatch(/评审进度落后于时间表的挑战（1[^）]*）\s*防止救助资金重复发放和漏发 · \d\/6 评审自 [^，]+，已 12 天/);
    expect(html).toContain('href="/manage/challenges/relief-payment-accuracy/judging"');
    expect(await inboxText(await signedIn(TRANSPORT_OFFICIAL))).not.toContain('评审进度落后');
  });
});
