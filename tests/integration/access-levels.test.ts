/**
 * 开放属性 and 共享属性 over real HTTP: what the public, applicants, grantees and officials of other
 * departments get on every path (pages, preview, downloads, /api/v1, CKAN, joins, charts, search,
 * DCAT), the application → approval → grant → expiry loop, and sharing between departments.
 *
 * Seeded objects: enterprise-spot-checks (市场监管局, 有条件开放, 3 sample rows, an agreement) and
 * relief-household-register (民政局, 不予开放, 无条件共享).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CIVIL_OFFICIAL, DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const MARKET_OFFICIAL = 'market@jindianzi.example';
const STARTUP = 'startup@jindianzi.example';
const RESEARCHER = 'researcher@jindianzi.example';
const CONDITIONAL = 'enterprise-spot-checks';
const CLOSED = 'relief-household-register';
const VALID_USCC = '91350100M000100Y43';

let server: TestServer;
let db: ServerDatabase;
let anonymous: HttpClient;
let startup: HttpClient;
let market: HttpClient;
let transport: HttpClient;
let civil: HttpClient;
let researcher: HttpClient;
let conditionalResource: number;
let closedResource: number;
let openResource: number;

async function resourceOf(slug: string): Promise<number> {
  return (await db.get<{ id: number }>('SELECT r.id FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.slug = ? ORDER BY r.id LIMIT 1', slug))!.id;
}

/** The newest application's id. */
async function lastApplicationId(): Promise<number> {
  return (await db.get<{ id: number }>('SELECT id FROM access_applications ORDER BY id DESC LIMIT 1'))!.id;
}

async function datasetId(slug: string): Promise<number> {
  return (await db.get<{ id: number }>('SELECT id FROM datasets WHERE slug = ?', slug))!.id;
}

async function signedIn(email: string): Promise<HttpClient> {
  const client = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await client.signIn(email, DEMO_PASSWORD);
  return client;
}

async function createToken(client: HttpClient): Promise<string> {
  const response = await client.post('/account/tokens', { intent: 'create', name: 'script' });
  expect(response.status).toBe(200);
  const token = /jdz_[A-Za-z0-9_-]+/.exec(response.body)?.[0] ?? /<code[^>]*>([^<]+)<\/code>/.exec(response.body)?.[1];
  expect(token).toBeTruthy();
  return token as string;
}

function applicationFields(extra: Record<string, string> = {}): URLSearchParams {
  const fields = new URLSearchParams({
    intent: 'apply',
    applicantKind: 'organisation',
    organisationName: '云溪数智科技有限公司',
    organisationCode: VALID_USCC,
    purpose: '研究企业信用风险与抽查结果的关系',
    intendedUse: '在内网服务器上分析，只发布汇总结果',
    periodDays: '90',
    acceptAgreement: 'on',
    ...extra,
  });
  fields.append('resource', String(conditionalResource));
  return fields;
}

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  conditionalResource = await resourceOf(CONDITIONAL);
  closedResource = await resourceOf(CLOSED);
  openResource = await resourceOf('business-registrations');
  anonymous = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  [startup, market, transport, civil, researcher] = await Promise.all([signedIn(STARTUP), signedIn(MARKET_OFFICIAL), signedIn(TRANSPORT_OFFICIAL), signedIn(CIVIL_OFFICIAL), signedIn(RESEARCHER)]);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

describe('a conditional dataset (有条件开放) without a grant', () => {
  it('shows its description, dictionary, sample and charts, and offers the application', async () => {
    const page = await anonymous.get(`/datasets/${CONDITIONAL}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('这份数据有条件开放');
    expect(text).toContain('样例数据（前 3 行）');
    expect(text).toContain('登录后申请使用');
    expect(page.body).not.toContain(`/resources/${conditionalResource}/download/csv`);
    expect(page.body).toContain('<svg');
  });

  it('refuses rows on every path: preview, downloads, the rows API and CKAN', async () => {
    const base = `/datasets/${CONDITIONAL}/resources/${conditionalResource}`;
    const refused = await anonymous.get(base);
    expect(refused.status).toBe(403);
    // Titled as what happened: a refused read, not a missing page.
    expect(refused.body).toMatch(/<title>没有访问权限 · /);
    expect((await startup.get(base)).status).toBe(403);
    expect((await startup.get(`${base}/download/csv`)).status).toBe(403);
    const rows = await startup.get(`/api/v1/datasets/${CONDITIONAL}/resources/${conditionalResource}/rows`);
    expect(rows.status).toBe(403);
    expect(JSON.parse(rows.body).error.code).toBe('applicationRequired');
    const ckan = await anonymous.get(`/api/3/action/datastore_search?resource_id=${conditionalResource}`);
    expect(ckan.status).toBe(403);
    expect(JSON.parse(ckan.body).error.__type).toBe('Authorization Error');
    // Joins and chart images never open conditional rows, grant or not.
    expect((await anonymous.get(`/api/v1/joins?left=${conditionalResource}&right=${openResource}&on=统一社会信用代码`)).status).toBe(404);
    expect((await anonymous.get(`${base}/chart.svg?type=bar&x=检查结果&agg=count`)).status).toBe(403);
  });

  it('describes it in the APIs and catalogues as conditional', async () => {
    const show = JSON.parse((await anonymous.get(`/api/3/action/package_show?id=${CONDITIONAL}`)).body).result;
    expect(show.access_level).toBe('conditional');
    expect(show.sharing).toBe('shared');
    expect(show.extras).toContainEqual({ key: 'access_level', value: 'conditional' });
    const resource = JSON.parse((await anonymous.get(`/api/3/action/resource_show?id=${conditionalResource}`)).body);
    expect(resource.success).toBe(true);
    const search = JSON.parse((await anonymous.get('/api/3/action/package_search?fq=access_level:conditional')).body).result;
    expect(search.results.map((r: { name: string }) => r.name)).toEqual([CONDITIONAL]);
    const bad = await anonymous.get('/api/3/action/package_search?fq=access_level:secret');
    expect(bad.status).toBe(409);
    const v1 = JSON.parse((await anonymous.get(`/api/v1/datasets/${CONDITIONAL}`)).body);
    expect(v1.accessLevel).toBe('conditional');
    // The application form sits beside the dataset's page, on the site's own origin.
    expect(v1.rows).toEqual({ readable: false, apply: `${v1.url}/apply` });
    expect(v1.url).toMatch(new RegExp(`/datasets/${CONDITIONAL}$`));
    const dcat = JSON.parse((await anonymous.get('/catalog.jsonld')).body);
    const entry = dcat['dcat:dataset'].find((d: { 'dct:identifier': string }) => d['dct:identifier'] === CONDITIONAL);
    expect(entry['dct:accessRights']['@id']).toBe('http://publications.europa.eu/resource/authority/access-right/RESTRICTED');
    const open = dcat['dcat:dataset'].find((d: { 'dct:identifier': string }) => d['dct:identifier'] === 'business-registrations');
    expect(open['dct:accessRights']['@id']).toMatch(/PUBLIC$/);
  });

  it('lists it with a filter, and the list offers the level', async () => {
    const list = await anonymous.get('/datasets?access=conditional');
    expect(visibleText(list.body)).toContain('企业双随机抽查结果明细');
    expect(visibleText(list.body)).not.toContain('养老机构名录');
  });
});

describe('a closed dataset (不予开放, 无条件共享)', () => {
  it('does not exist for the public on any path', async () => {
    expect((await anonymous.get(`/datasets/${CLOSED}`)).status).toBe(404);
    expect((await researcher.get(`/datasets/${CLOSED}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/datasets/${CLOSED}`)).status).toBe(404);
    expect((await anonymous.get(`/api/3/action/package_show?id=${CLOSED}`)).status).toBe(404);
    expect((await anonymous.get(`/api/3/action/datastore_search?resource_id=${closedResource}`)).status).toBe(404);
    expect((await anonymous.get(`/datasets/${CLOSED}/resources/${closedResource}/download/csv`)).status).toBe(404);
    const list = JSON.parse((await anonymous.get('/api/3/action/package_list')).body).result as string[];
    expect(list).not.toContain(CLOSED);
    expect(JSON.stringify(JSON.parse((await anonymous.get('/catalog.jsonld')).body))).not.toContain(CLOSED);
    expect(visibleText((await anonymous.get('/search?q=低保家庭花名册')).body)).not.toContain('低保家庭花名册（部门共享）');
  });

  it('is read by an official of another department, who finds it in the list', async () => {
    const list = await transport.get('/datasets');
    expect(visibleText(list.body)).toContain('低保家庭花名册（部门共享）');
    expect((await transport.get(`/datasets/${CLOSED}`)).status).toBe(200);
    const preview = await transport.get(`/datasets/${CLOSED}/resources/${closedResource}`);
    expect(preview.status).toBe(200);
    const download = await transport.get(`/datasets/${CLOSED}/resources/${closedResource}/download/csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toContain('private');
    const sharing = await transport.get('/manage/sharing');
    expect(visibleText(sharing.body)).toContain('低保家庭花名册（部门共享）');
  });

  it('stops being shared at once when the department sets 不予共享, and the change is audited', async () => {
    const form = await civil.get(`/manage/datasets/${CLOSED}/access`);
    expect(form.status).toBe(200);
    const saved = await civil.post(`/manage/datasets/${CLOSED}/access`, {
      accessLevel: 'closed',
      sharing: 'not_shared',
      openConditions: '',
      sharingConditions: '',
      sharingMethod: 'api_and_file',
      sampleRows: '0',
      agreement: '',
      resourceCategory: 'department',
      categoryCode: '',
      resourceCode: 'MZ-2025-0001',
      relatedCodes: '',
    });
    expect(saved.status).toBe(302);
    expect((await transport.get(`/datasets/${CLOSED}`)).status).toBe(404);
    expect((await transport.get(`/datasets/${CLOSED}/resources/${closedResource}/download/csv`)).status).toBe(404);
    const audit = await db.get<{ details: string }>("SELECT details FROM audit_log WHERE action = 'dataset.access' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ before: { sharing: 'shared' }, after: { sharing: 'not_shared' } });
  });
});

describe('the access form', () => {
  it('keeps what was typed and says what is wrong beside the field', async () => {
    const response = await market.post(`/manage/datasets/${CONDITIONAL}/access`, {
      accessLevel: 'conditional',
      sharing: 'shared',
      openConditions: '保留这段文字',
      sharingConditions: '',
      sharingMethod: 'api_and_file',
      sampleRows: '99',
      agreement: '',
      resourceCategory: 'nonsense',
      categoryCode: '',
      resourceCode: '',
      relatedCodes: '',
    });
    expect(response.status).toBe(200);
    const text = visibleText(response.body);
    expect(text).toContain('样例行数应为 0 到 20 之间的整数');
    expect(text).toContain('请选择资源分类');
    expect(response.body).toContain('保留这段文字');
    const noAgreement = await market.post(`/manage/datasets/${CONDITIONAL}/access`, { accessLevel: 'conditional', sharing: 'shared', sharingMethod: 'api_and_file', sampleRows: '3', agreement: '', resourceCategory: 'department' });
    expect(visibleText(noAgreement.body)).toContain('需要一份数据使用协议');
  });

  it('makes an open dataset conditional on every path at once', async () => {
    const page = await anonymous.get(`/datasets/bus-routes`);
    expect(page.status).toBe(200);
    const resource = await resourceOf('bus-routes');
    expect((await anonymous.get(`/datasets/bus-routes/resources/${resource}/download/csv`)).status).toBe(200);
    const saved = await market.post('/manage/datasets/bus-routes/access', { accessLevel: 'conditional', sharing: 'shared', sharingMethod: 'api_and_file', sampleRows: '0', agreement: '仅限研究', resourceCategory: 'department' });
    // Not market-regulation's dataset.
    expect(saved.status).toBe(404);
    const owner = await signedIn(TRANSPORT_OFFICIAL);
    expect((await owner.post('/manage/datasets/bus-routes/access', { accessLevel: 'conditional', sharing: 'shared', sharingMethod: 'api_and_file', sampleRows: '0', agreement: '仅限研究', resourceCategory: 'department' })).status).toBe(302);
    expect((await anonymous.get(`/datasets/bus-routes/resources/${resource}/download/csv`)).status).toBe(403);
    expect((await anonymous.get(`/api/v1/datasets/bus-routes/resources/${resource}/rows`)).status).toBe(403);
    const dcat = JSON.parse((await anonymous.get('/catalog.jsonld')).body);
    expect(dcat['dcat:dataset'].find((d: { 'dct:identifier': string }) => d['dct:identifier'] === 'bus-routes')['dct:accessRights']['@id']).toMatch(/RESTRICTED$/);
    // And back, so the rest of the suite sees it open.
    expect((await owner.post('/manage/datasets/bus-routes/access', { accessLevel: 'open', sharing: 'shared', sharingMethod: 'api_and_file', sampleRows: '0', agreement: '仅限研究', resourceCategory: 'department' })).status).toBe(302);
    expect((await anonymous.get(`/datasets/bus-routes/resources/${resource}/download/csv`)).status).toBe(200);
  });
});

describe('applying, deciding, reading under a grant', () => {
  let applicationId: number;
  let token: string;

  it('refuses a bad organisation code beside its field, keeping the rest', async () => {
    const response = await startup.post(`/datasets/${CONDITIONAL}/apply`, applicationFields({ organisationCode: '91350100M000100Y44' }));
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('统一社会信用代码应为 18 位，且校验位正确');
    expect(response.body).toContain('研究企业信用风险与抽查结果的关系');
  });

  it('refuses applications for open data', async () => {
    const response = await startup.post('/datasets/business-registrations/apply', applicationFields());
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('这份数据不接受');
  });

  it('files the application; the department sees it, another department does not', async () => {
    const response = await startup.post(`/datasets/${CONDITIONAL}/apply`, applicationFields());
    expect(response.status).toBe(302);
    expect(response.location).toBe('/account/applications?applied=1');
    applicationId = await lastApplicationId();
    const again = await startup.post(`/datasets/${CONDITIONAL}/apply`, applicationFields());
    expect(visibleText(again.body)).toContain('已经有一份待审核的申请');
    const list = await market.get('/manage/applications');
    expect(visibleText(list.body)).toContain('企业双随机抽查结果明细');
    expect(visibleText((await market.get('/manage')).body)).toContain('待审核的数据使用申请（2）');
    expect((await transport.get(`/manage/applications/${applicationId}`)).status).toBe(404);
    expect((await transport.post(`/manage/applications/${applicationId}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '30' })).status).toBe(404);
    const notice = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'application_received'");
    expect(notice?.n).toBeGreaterThan(0);
  });

  it('cannot approve a longer period than asked for', async () => {
    const response = await market.post(`/manage/applications/${applicationId}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '120' });
    expect(response.status).toBe(200);
    expect(visibleText(response.body)).toContain('批准的期限不能长于申请的期限');
  });

  it('approves for a shorter period; the applicant reads on the web and with their own token, and each read is logged', async () => {
    const approved = await market.post(`/manage/applications/${applicationId}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '30' });
    expect(approved.status).toBe(302);
    const grant = await db.get<{ startsAt: number; expiresAt: number }>('SELECT starts_at AS "startsAt", expires_at AS "expiresAt" FROM access_grants WHERE application_id = ?', applicationId);
    expect(grant && grant.expiresAt - grant.startsAt).toBe(30 * 86_400_000);
    expect(await db.get("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'application_decided'")).toEqual({ n: 1 });

    const base = `/datasets/${CONDITIONAL}/resources/${conditionalResource}`;
    expect((await startup.get(base)).status).toBe(200);
    const download = await startup.get(`${base}/download/csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toContain('private');
    expect(download.body).toContain('统一社会信用代码');

    token = await createToken(startup);
    const rows = await anonymous.get(`/api/v1/datasets/${CONDITIONAL}/resources/${conditionalResource}/rows?limit=5`, { Authorization: `Bearer ${token}` });
    expect(rows.status).toBe(200);
    expect(JSON.parse(rows.body).records).toHaveLength(5);
    const ckan = await anonymous.get(`/api/3/action/datastore_search?resource_id=${conditionalResource}&limit=2`, { Authorization: token });
    expect(ckan.status).toBe(200);

    // Someone else's token reads nothing.
    const other = await createToken(researcher);
    expect((await anonymous.get(`/api/v1/datasets/${CONDITIONAL}/resources/${conditionalResource}/rows`, { Authorization: `Bearer ${other}` })).status).toBe(403);

    const log = await db.all<{ kind: string; rows: number }>('SELECT kind, row_count AS rows FROM grant_reads ORDER BY id');
    expect(log.map((r) => r.kind)).toEqual(['preview', 'download', 'rows_api', 'datastore_search']);
    expect(log.find((r) => r.kind === 'rows_api')?.rows).toBe(5);
    const page = await market.get(`/manage/datasets/${CONDITIONAL}/grants`);
    expect(visibleText(page.body)).toContain('数据接口');
    // The grant's row counts its four reads.
    expect(page.body).toMatch(/>4<\/td>/);
    expect(visibleText(page.body)).toContain('孙浩');
    expect((await transport.get(`/manage/datasets/${CONDITIONAL}/grants`)).status).toBe(404);
  });

  it('stops serving the moment the grant expires', async () => {
    await db.run('UPDATE access_grants SET expires_at = ? WHERE application_id = ?', new Date(Date.now() - 1000), applicationId);
    expect((await anonymous.get(`/api/v1/datasets/${CONDITIONAL}/resources/${conditionalResource}/rows`, { Authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await startup.get(`/datasets/${CONDITIONAL}/resources/${conditionalResource}/download/csv`)).status).toBe(403);
  });

  it('stops serving the moment the department revokes a grant', async () => {
    const student = await signedIn('student@jindianzi.example');
    const second = await student.post(`/datasets/${CONDITIONAL}/apply`, applicationFields({ applicantKind: 'person', organisationName: '', organisationCode: '' }));
    expect(second.status).toBe(302);
    const id = await lastApplicationId();
    expect((await market.post(`/manage/applications/${id}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '90' })).status).toBe(302);
    const base = `/datasets/${CONDITIONAL}/resources/${conditionalResource}`;
    expect((await student.get(base)).status).toBe(200);
    const grantId = (await db.get<{ id: number }>('SELECT id FROM access_grants WHERE application_id = ?', id))!.id;
    expect((await market.post(`/manage/datasets/${CONDITIONAL}/grants`, { intent: `revoke:${grantId}` })).status).toBe(302);
    expect((await student.get(base)).status).toBe(403);
  });

  it('refuses with a reason the applicant reads', async () => {
    const again = await startup.post(`/datasets/${CONDITIONAL}/apply`, applicationFields());
    expect(again.status).toBe(302);
    const id = await lastApplicationId();
    expect((await market.post(`/manage/applications/${id}`, { decision: 'refuse', reason: '' })).status).toBe(200);
    expect((await market.post(`/manage/applications/${id}`, { decision: 'refuse', reason: '用途与开放条件不符' })).status).toBe(302);
    const mine = await startup.get('/account/applications');
    expect(visibleText(mine.body)).toContain('用途与开放条件不符');
    expect((await market.post(`/manage/applications/${id}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '10' })).status).toBe(200);
  });
});

describe('every path for each kind of viewer', () => {
  /** What each path answers: the page, the preview, a download, the rows API (token) and CKAN datastore_search (token). */
  async function answers(client: HttpClient, token: string | null, slug: string, resource: number): Promise<number[]> {
    const base = `/datasets/${slug}/resources/${resource}`;
    const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return [
      (await client.get(`/datasets/${slug}`)).status,
      (await client.get(base)).status,
      (await client.get(`${base}/download/json`)).status,
      (await anonymous.get(`/api/v1/datasets/${slug}/resources/${resource}/rows?limit=1`, auth)).status,
      (await anonymous.get(`/api/3/action/datastore_search?resource_id=${resource}&limit=1`, auth)).status,
    ];
  }

  it('answers as the levels and grants say', async () => {
    const approved = await signedIn('judge2@jindianzi.example');
    const approvedToken = await createToken(approved);
    const filed = await approved.post(`/datasets/${CONDITIONAL}/apply`, applicationFields({ applicantKind: 'person', organisationName: '', organisationCode: '' }));
    expect(filed.status).toBe(302);
    const id = await lastApplicationId();
    expect((await market.post(`/manage/applications/${id}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '5' })).status).toBe(302);
    expect(await answers(approved, approvedToken, CONDITIONAL, conditionalResource)).toEqual([200, 200, 200, 200, 200]);

    const expired = await signedIn('judge@jindianzi.example');
    const expiredToken = await createToken(expired);
    const filedToo = await expired.post(`/datasets/${CONDITIONAL}/apply`, applicationFields({ applicantKind: 'person', organisationName: '', organisationCode: '' }));
    expect(filedToo.status).toBe(302);
    const second = await lastApplicationId();
    expect((await market.post(`/manage/applications/${second}`, { decision: 'approve', resource: String(conditionalResource), periodDays: '5' })).status).toBe(302);
    await db.run('UPDATE access_grants SET expires_at = ? WHERE application_id = ?', new Date(Date.now() - 1), second);
    expect(await answers(expired, expiredToken, CONDITIONAL, conditionalResource)).toEqual([200, 403, 403, 403, 403]);

    // Someone with a grant on one dataset reads nothing more elsewhere: the closed one stays hidden.
    expect(await answers(approved, approvedToken, CLOSED, closedResource)).toEqual([404, 404, 404, 404, 404]);

    // Another department's official: the conditional dataset is 无条件共享, so its rows are theirs to read …
    const transportToken = await createToken(transport);
    expect(await answers(transport, transportToken, CONDITIONAL, conditionalResource)).toEqual([200, 200, 200, 200, 200]);
    // … until it is 不予共享: then they are the public (the page yes, the rows no).
    const conditional = await datasetId(CONDITIONAL);
    await db.run("UPDATE datasets SET sharing = 'not_shared' WHERE id = ?", conditional);
    expect(await answers(transport, transportToken, CONDITIONAL, conditionalResource)).toEqual([200, 403, 403, 403, 403]);
    await db.run("UPDATE datasets SET sharing = 'shared' WHERE id = ?", conditional);
  });
});

describe('a challenge that opens conditional data to its entrants', () => {
  it('grants access on accepting the agreement, until judging ends', async () => {
    // bus-routes-from-card-data is open for entries; link the conditional dataset as open to entrants.
    const challenge = (await db.get<{ id: number; judgingEndsAt: number }>("SELECT id, judging_ends_at AS \"judgingEndsAt\" FROM challenges WHERE slug = 'bus-routes-from-card-data'"))!;
    const conditional = await datasetId(CONDITIONAL);
    await db.run('INSERT INTO challenge_datasets (challenge_id, dataset_id, entrant_access) VALUES (?, ?, ?)', challenge.id, conditional, true);
    const entrant = await signedIn('volunteer@jindianzi.example');
    const base = `/datasets/${CONDITIONAL}/resources/${conditionalResource}`;
    expect((await entrant.get(base)).status).toBe(403);
    const form = await entrant.get(`/datasets/${CONDITIONAL}/apply?challenge=bus-routes-from-card-data`);
    expect(visibleText(form.body)).toContain('参赛者数据授权');
    const accepted = await entrant.post(`/datasets/${CONDITIONAL}/apply`, { intent: 'entrant', challenge: 'bus-routes-from-card-data' });
    expect(accepted.status).toBe(302);
    expect((await entrant.get(base)).status).toBe(200);
    const grant = await db.get<{ expiresAt: number }>('SELECT expires_at AS "expiresAt" FROM access_grants WHERE challenge_id = ?', challenge.id);
    expect(grant?.expiresAt).toBe(challenge.judgingEndsAt);
    // Judging is brought forward and has ended: the access ends with it.
    await db.run('UPDATE challenges SET judging_ends_at = ? WHERE id = ?', new Date(Date.now() - 1000), challenge.id);
    expect((await entrant.get(base)).status).toBe(403);
    await db.run('UPDATE challenges SET judging_ends_at = ? WHERE id = ?', new Date(challenge.judgingEndsAt), challenge.id);
    await db.run('DELETE FROM challenge_datasets WHERE challenge_id = ? AND dataset_id = ?', challenge.id, conditional);
    // A challenge that does not open the dataset to entrants gives nothing.
    const refused = await entrant.post(`/datasets/${CONDITIONAL}/apply`, { intent: 'entrant', challenge: 'labour-shortage-forecast' });
    expect(visibleText(refused.body)).toContain('这份数据不接受');
  });
});

describe('the CKAN write API', () => {
  it('sets access_level and sharing from package_patch, as a top-level key or an extra', async () => {
    const token = await createToken(civil);
    const patch = async (body: unknown) =>
      anonymous.request('/api/3/action/package_patch', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: token } });
    const first = await patch({ id: 'elderly-care-institutions', access_level: 'conditional' });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).result.access_level).toBe('conditional');
    const second = await patch({ id: 'elderly-care-institutions', extras: [{ key: 'access_level', value: 'open' }, { key: 'sharing', value: 'conditional' }] });
    expect(JSON.parse(second.body).result).toMatchObject({ access_level: 'open', sharing: 'conditional' });
    const bad = await patch({ id: 'elderly-care-institutions', access_level: 'secret' });
    expect(bad.status).toBe(409);
  });
});

describe('as an admin', () => {
  it('sees every department’s applications', async () => {
    const admin = await signedIn(ADMIN);
    expect((await admin.get('/manage/applications?status=all')).status).toBe(200);
  });
});
