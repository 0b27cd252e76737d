import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, inputValue, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

async function signedIn(email: string) {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await http.signIn(email, DEMO_PASSWORD);
  return http;
}

async function ask(http: HttpClient, fields: Record<string, string>): Promise<number> {
  const response = await http.post('/requests/new', fields);
  expect(response.status).toBe(302);
  return Number((response.location ?? '').replace('/requests/', ''));
}

describe('data requests', () => {
  it('sends a visitor to sign in before asking', async () => {
    const response = await new HttpClient(server.url).get('/requests/new');
    expect(response.status).toBe(302);
    expect(response.location).toBe('/login?redirectTo=%2Frequests%2Fnew');
  });

  it('keeps what was typed when the request is too vague', async () => {
    const http = await signedIn(PARTICIPANT);
    const response = await http.post('/requests/new', { title: '数据', description: '给我数据', purpose: '研究' });
    expect(response.status).toBe(200);
    const text = visibleText(response.body);
    expect(text).toContain('标题太短');
    expect(text).toContain('请写得具体一些');
    expect(inputValue(response.body, 'title')).toBe('数据');
    expect(response.body).toContain('研究');
  });

  it('lets a citizen ask, others vote once each and take it back, and officials answer with a history', async () => {
    const citizen = await signedIn(PARTICIPANT);
    const id = await ask(citizen, { title: '公开各站点共享单车停放数量', description: '按小时统计每个公交站点 100 米内的共享单车停放数量。', purpose: '研究公交接驳', department: 'transport' });
    let page = visibleText((await citizen.get(`/requests/${id}`)).body);
    expect(page).toContain('公开各站点共享单车停放数量');
    expect(page).toContain('1 人支持'); // the requester's own support
    expect(page).toContain('取消支持');

    const student = await signedIn('student@jindianzi.example');
    await student.post(`/requests/${id}`, { intent: 'vote' });
    await student.post(`/requests/${id}`, { intent: 'vote' });
    await student.post(`/requests/${id}`, { intent: 'vote' });
    expect(visibleText((await student.get(`/requests/${id}`)).body)).toContain('2 人支持');

    // Participants cannot answer.
    const forbidden = await student.post(`/requests/${id}`, { intent: 'answer', status: 'declined', declineReason: 'legal' });
    expect(forbidden.status).toBe(403);

    const official = await signedIn(TRANSPORT_OFFICIAL);
    const missingDate = await official.post(`/requests/${id}`, { intent: 'answer', status: 'planned', plannedFor: '', note: '会开放' });
    expect(visibleText(missingDate.body)).toContain('请填写预计开放的年月');
    const noDataset = await official.post(`/requests/${id}`, { intent: 'answer', status: 'exists', dataset: 'no-such-dataset' });
    expect(visibleText(noDataset.body)).toContain('找不到这个已发布的数据集');

    const planned = await official.post(`/requests/${id}`, { intent: 'answer', status: 'planned', plannedFor: '2099-06', note: '纳入明年开放计划。' });
    expect(planned.status).toBe(302);
    const exists = await official.post(`/requests/${id}`, { intent: 'answer', status: 'exists', dataset: 'bus-ridership-2025-10', note: '站点客流数据已开放，可作为参考。' });
    expect(exists.status).toBe(302);

    page = visibleText((await new HttpClient(server.url).get(`/requests/${id}`)).body);
    expect(page).toContain('已有数据');
    expect(page).toContain('相关数据集：公交刷卡客流统计（2025年10月上半月）');
    expect(page).toContain('预计 2099-06 开放');
    expect(page).toContain('纳入明年开放计划。');
    expect(page.indexOf('提出需求')).toBeLessThan(page.indexOf('计划开放'));
  });

  it('keeps other departments from answering, and requires a reason to decline', async () => {
    const citizen = await signedIn(PARTICIPANT);
    const id = await ask(citizen, { title: '公开低保审批办理时长', description: '各乡镇低保申请从受理到审批完成的平均天数。', department: 'civil-affairs' });
    const transport = await signedIn(TRANSPORT_OFFICIAL);
    expect((await transport.post(`/requests/${id}`, { intent: 'answer', status: 'declined', declineReason: 'legal' })).status).toBe(403);
    const civil = await signedIn('civil@jindianzi.example');
    const noReason = await civil.post(`/requests/${id}`, { intent: 'answer', status: 'declined', note: '' });
    expect(visibleText(noReason.body)).toContain('请选择暂不开放的原因');
    const declined = await civil.post(`/requests/${id}`, { intent: 'answer', status: 'declined', declineReason: 'personal_data', note: '办理时长与个案相关，将发布汇总统计。' });
    expect(declined.status).toBe(302);
    expect(visibleText((await civil.get(`/requests/${id}`)).body)).toContain('涉及个人信息');
  });

  it('filters by status and department and sorts unanswered demand first', async () => {
    const visitor = new HttpClient(server.url);
    const declined = visibleText((await visitor.get('/requests?status=declined')).body);
    expect(declined).toContain('公开企业欠薪投诉处理明细');
    expect(declined).not.toContain('开放公交车辆实时到站数据');
    const transport = visibleText((await visitor.get('/requests?department=transport')).body);
    expect(transport).toContain('开放公交车辆实时到站数据');
    expect(transport).not.toContain('公开企业欠薪投诉处理明细');
    const waiting = visibleText((await visitor.get('/requests?sort=waiting')).body);
    // The open request comes before every answered one.
    expect(waiting.indexOf('按小区公开二手房网签成交均价')).toBeLessThan(waiting.indexOf('公开企业欠薪投诉处理明细'));
    expect(waiting).toContain('已等待');
  });
});
