/**
 * CKAN groups (the platform's themes), link resources, resource_update / resource_patch with a
 * re-import that keeps the previous version served until the new one succeeds, and the package
 * fields department systems set (url, version, author, extras) — as ckanapi sends them.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { createApiToken, demoApiToken } from '../helpers/api-token';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let anonymous: HttpClient;
let official: HttpClient;
let token: string;

interface Envelope<T = unknown> {
  success: boolean;
  result: T;
  error?: { __type: string; message: string } & Record<string, unknown>;
}

async function call<T = unknown>(action: string, body: Record<string, unknown> = {}, apiKey?: string): Promise<{ status: number; body: Envelope<T> }> {
  const response = await anonymous.request(`/api/action/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(apiKey ? { 'X-CKAN-API-Key': apiKey } : {}) },
  });
  return { status: response.status, body: JSON.parse(response.body) as Envelope<T> };
}

/** As ckanapi sends a file: multipart, the file in `upload`. */
async function multipart<T = unknown>(action: string, fields: Record<string, string>, file: { name: string; text: string | Uint8Array }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('upload', new Blob([file.text as BlobPart], { type: 'text/csv' }), file.name);
  const response = await anonymous.request(`/api/action/${action}`, { method: 'POST', body: form, headers: { 'X-CKAN-API-Key': token } });
  return { status: response.status, body: JSON.parse(response.body) as Envelope<T> };
}

type Resource = { id: string; name: string; url: string; format: string; datastore_active: boolean; size: number | null; hash: string };
type Package = { id: string; name: string; private: boolean; url: string; version: string | null; author: string; groups: { name: string; title: string }[]; extras: { key: string; value: string }[]; resources: Resource[] };

beforeAll(async () => {
  server = await startServer();
  anonymous = new HttpClient(server.url);
  official = new HttpClient(server.url);
  await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
  token = await createApiToken(official);
});

afterAll(async () => {
  await server?.stop();
});

describe('groups are the themes', () => {
  it('lists, shows, filters and counts them, and a closed dataset is in none of the counts', async () => {
    const names = (await call<string[]>('group_list')).body.result;
    expect(names).toContain('transport');
    expect(names).toEqual([...names].sort());
    const all = (await call<{ name: string; title: string; package_count: number }[]>('group_list', { all_fields: true, sort: 'package_count desc' })).body.result;
    expect(all[0]?.package_count).toBeGreaterThanOrEqual(all[1]?.package_count ?? 0);
    expect(all.find((g) => g.name === 'transport')?.title).toBe('道路交通');

    for (const theme of ['transport', 'social', 'economy']) {
      const search = (await call<{ count: number; results: Package[] }>('package_search', { fq: `groups:${theme}`, rows: 100 })).body.result;
      const shown = (await call<{ package_count: number; packages: { name: string }[] }>('group_show', { id: theme, include_datasets: true })).body.result;
      expect(shown.package_count, theme).toBe(search.count);
      expect(shown.packages.map((p) => p.name).sort()).toEqual(search.results.map((p) => p.name).sort());
      expect(search.results.every((p) => p.groups.some((g) => g.name === theme))).toBe(true);
      expect(all.find((g) => g.name === theme)?.package_count).toBe(search.count);
    }
    const social = (await call<{ packages: { name: string }[] }>('group_show', { id: 'social', include_datasets: true })).body.result;
    expect(social.packages.map((p) => p.name)).not.toContain('relief-household-register');

    const faceted = (await call<{ search_facets: { groups: { items: { name: string; display_name: string; count: number }[] } } }>('package_search', { 'facet.field': '["groups"]', rows: 0 })).body.result;
    expect(faceted.search_facets.groups.items.find((i) => i.name === 'transport')).toMatchObject({ display_name: '道路交通', count: all.find((g) => g.name === 'transport')?.package_count });

    expect((await call('group_show', { id: 'no-such-theme' })).status).toBe(404);
    const refused = await call('package_create', { name: 'transport-bad-group', title: 'x', groups: [{ name: 'aliens' }] }, token);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.groups).toBeDefined();
  });

  it('are set in the web form and filter the public list', async () => {
    const page = await official.get('/manage/datasets/bus-routes/edit');
    expect(page.body).toContain('name="themes"');
    const fields = new URLSearchParams({ title: '公交线路基本信息', description: '线路。', licence: 'gov-open', updateFrequency: 'monthly', tags: '公交', sourceUrl: 'javascript:alert(1)' });
    fields.append('themes', 'transport');
    fields.append('themes', 'urban');
    const refused = await official.post('/manage/datasets/bus-routes/edit', fields);
    expect(refused.status).toBe(200);
    expect(refused.body).toContain('请填写以 http:// 或 https:// 开头的网址');
    // What was typed is kept.
    expect(refused.body).toContain('javascript:alert(1)');
    fields.set('sourceUrl', 'https://data.example.gov.cn/bus-routes');
    expect((await official.post('/manage/datasets/bus-routes/edit', fields)).status).toBe(302);

    const publicPage = await anonymous.get('/datasets/bus-routes');
    expect(publicPage.body).toContain('城建住房');
    expect(publicPage.body).toContain('https://data.example.gov.cn/bus-routes');
    const list = await anonymous.get('/datasets?theme=urban');
    expect(list.body).toContain('/datasets/bus-routes');
    expect(list.body).not.toContain('/datasets/business-registrations');
    const shown = (await call<Package>('package_show', { id: 'bus-routes' })).body.result;
    expect(shown.groups.map((g) => g.name)).toEqual(['transport', 'urban']);
    expect(shown.url).toBe('https://data.example.gov.cn/bus-routes');
  });
});

describe('link resources', () => {
  it('creates a package with links, public at once, shown and harvested as links and never fetched', async () => {
    const badLink = await call('package_create', { name: 'transport-links-bad', title: '坏链接', resources: [{ url: 'javascript:alert(1)', name: 'x' }], private: false }, token);
    expect(badLink.status).toBe(409);
    expect(badLink.body.error?.resources).toBeDefined();
    expect((await call('package_show', { id: 'transport-links-bad' }, token)).status).toBe(404);

    const created = await call<Package>(
      'package_create',
      {
        name: 'transport-realtime-api',
        title: '实时公交到站接口',
        notes: '由公交集团的系统提供。',
        url: 'https://bus.example.gov.cn/open',
        version: '2.1',
        author: '公交集团信息中心',
        groups: [{ name: 'transport' }],
        extras: [{ key: 'source_system', value: '智能调度平台' }, { key: 'jindianzi_status', value: 'published' }],
        resources: [{ url: 'https://bus.example.gov.cn/open/api/arrivals', name: '到站查询接口', format: 'API', description: '按站点查询下一班车。' }],
        private: false,
      },
      token,
    );
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({ private: false, url: 'https://bus.example.gov.cn/open', version: '2.1', author: '公交集团信息中心' });
    expect(created.body.result.groups.map((g) => g.name)).toEqual(['transport']);
    expect(created.body.result.extras).toContainEqual({ key: 'source_system', value: '智能调度平台' });
    // A client cannot overwrite what the platform reports about itself.
    expect(created.body.result.extras.filter((e) => e.key === 'jindianzi_status')).toEqual([{ key: 'jindianzi_status', value: 'published' }]);
    const [link] = created.body.result.resources;
    expect(link).toMatchObject({ url: 'https://bus.example.gov.cn/open/api/arrivals', format: 'API', datastore_active: false, name: '到站查询接口' });

    // The public sees it, as a link, in package_show, resource_show and the page.
    expect((await call<Resource>('resource_show', { id: link?.id })).body.result.url).toBe('https://bus.example.gov.cn/open/api/arrivals');
    const page = await anonymous.get('/datasets/transport-realtime-api');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="https://bus.example.gov.cn/open/api/arrivals"');
    const search = (await call<{ results: Package[] }>('package_search', { fq: 'name:transport-realtime-api' })).body.result;
    expect(search.results[0]?.resources[0]?.url).toBe('https://bus.example.gov.cn/open/api/arrivals');
    // q finds a package by its resources' names and by its organization's name too.
    expect((await call<{ results: Package[] }>('package_search', { q: '到站查询' })).body.result.results.map((p) => p.name)).toEqual(['transport-realtime-api']);
    expect((await call<{ results: Package[] }>('package_search', { q: '交通运输局', rows: 100 })).body.result.results.map((p) => p.name)).toContain('transport-realtime-api');
    // Its declared format is searchable and counted like a file's.
    const byFormat = (await call<{ results: Package[]; search_facets: { res_format: { items: { name: string; count: number }[] } } }>('package_search', { fq: 'res_format:api', 'facet.field': '["res_format"]', rows: 100 })).body.result;
    expect(byFormat.results.map((p) => p.name)).toContain('transport-realtime-api');
    expect(byFormat.search_facets.res_format.items).toContainEqual({ name: 'API', display_name: 'API', count: byFormat.results.length });
    // Harvesters find the dataset's RDF from its page.
    expect(page.body).toContain('<link rel="alternate" type="text/turtle" href="/datasets/transport-realtime-api.ttl"/>');
    // No table behind it.
    expect((await call('datastore_search', { resource_id: link?.id })).status).toBe(404);
  });

  it('adds, changes and refuses links with resource_create and resource_patch', async () => {
    expect((await call('package_create', { name: 'transport-link-edit', title: '链接编辑' }, token)).status).toBe(200);
    const noUrl = await call('resource_create', { package_id: 'transport-link-edit', name: '空' }, token);
    expect(noUrl.status).toBe(409);
    const bad = await call('resource_create', { package_id: 'transport-link-edit', url: 'ftp://files.example/x.csv' }, token);
    expect(bad.status).toBe(409);
    expect(bad.body.error?.url).toBeDefined();
    const created = await call<Resource>('resource_create', { package_id: 'transport-link-edit', url: 'https://example.gov.cn/a.pdf', format: 'PDF', name: '说明文件' }, token);
    expect(created.status).toBe(200);
    const patched = await call<Resource>('resource_patch', { id: created.body.result.id, url: 'https://example.gov.cn/b.pdf' }, token);
    expect(patched.body.result).toMatchObject({ url: 'https://example.gov.cn/b.pdf', format: 'PDF', name: '说明文件' });
    const file = await multipart('resource_patch', { id: created.body.result.id }, { name: 'x.csv', text: 'a,b\n1,2\n' });
    expect(file.status).toBe(409);
    expect(file.body.error?.upload).toBeDefined();
    // Another department's key changes nothing.
    const civilToken = await demoApiToken(server.url, 'civil@jindianzi.example');
    expect((await call('resource_patch', { id: created.body.result.id, url: 'https://evil.example/' }, civilToken)).status).toBe(404);
    // A link is enough to publish.
    expect((await call<Package>('package_patch', { id: 'transport-link-edit', private: false }, token)).body.result.private).toBe(false);

    // Re-pointing a link is a change harvesters see.
    const before = (await call<{ metadata_modified: string }>('package_show', { id: 'transport-link-edit' })).body.result.metadata_modified;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call('resource_patch', { id: created.body.result.id, url: 'https://example.gov.cn/c.pdf' }, token);
    const since = (await call<{ count: number; results: { name: string }[] }>('package_search', { fq: `metadata_modified:[${before.slice(0, 23)}Z TO *] AND name:transport-link-edit` })).body.result;
    expect(since.results.map((p) => p.name)).toEqual(['transport-link-edit']);
    expect((await call<{ metadata_modified: string }>('package_show', { id: 'transport-link-edit' })).body.result.metadata_modified > before).toBe(true);

    // /api/v1 lists it among the dataset's links.
    const v1 = JSON.parse((await anonymous.get('/api/v1/datasets/transport-link-edit')).body) as { links: { url: string; format: string }[]; themes: string[] };
    expect(v1.links).toEqual([expect.objectContaining({ url: 'https://example.gov.cn/c.pdf', format: 'PDF' })]);
    expect(v1.themes).toEqual([]);
  });

  it('round-trips package_show through package_update, changing a listed link in place', async () => {
    const shown = (await call<Package & Record<string, unknown>>('package_show', { id: 'transport-realtime-api' }, token)).body.result;
    const [link] = shown.resources;
    // A bad listed resource refuses the whole update: nothing of it is written.
    const refused = await call('package_update', { ...shown, title: '不该保存的标题', resources: [{ ...link, url: 'javascript:alert(1)' }] }, token);
    expect(refused.status).toBe(409);
    expect((await call<{ title: string }>('package_show', { id: 'transport-realtime-api' })).body.result.title).toBe(shown.title);
    const updated = await call<Package>('package_update', { ...shown, resources: [{ ...link, url: 'https://bus.example.gov.cn/open/api/v2/arrivals', name: '到站查询接口 v2' }] }, token);
    expect(updated.status).toBe(200);
    expect(updated.body.result).toMatchObject({ version: '2.1', author: '公交集团信息中心', url: 'https://bus.example.gov.cn/open', private: false });
    expect(updated.body.result.groups.map((g) => g.name)).toEqual(['transport']);
    expect(updated.body.result.extras).toContainEqual({ key: 'source_system', value: '智能调度平台' });
    expect(updated.body.result.resources).toEqual([expect.objectContaining({ id: link?.id, url: 'https://bus.example.gov.cn/open/api/v2/arrivals', name: '到站查询接口 v2' })]);
    // null clears, as an empty string does.
    expect((await call<Package>('package_patch', { id: 'transport-realtime-api', version: null }, token)).body.result.version).toBeNull();
  });
});

describe('links from the browser', () => {
  it('are added on the management page, with the error beside the field and nothing typed lost', async () => {
    const refused = await official.post('/manage/datasets/bus-routes', { intent: 'add-link', name: '线路调整公告', url: 'data:text/html,hi', linkFormat: 'HTML' });
    expect(refused.status).toBe(200);
    expect(refused.body).toContain('请填写以 http:// 或 https:// 开头的网址');
    expect(refused.body).toContain('线路调整公告');
    const added = await official.post('/manage/datasets/bus-routes', { intent: 'add-link', name: '线路调整公告', url: 'https://bus.example.gov.cn/notices', linkFormat: 'HTML' });
    expect(added.status).toBe(302);
    const page = await anonymous.get('/datasets/bus-routes');
    expect(page.body).toContain('href="https://bus.example.gov.cn/notices"');
    expect(page.body).toContain('rel="nofollow noopener noreferrer"');
    // Only the department's officials add links.
    expect((await anonymous.post('/manage/datasets/bus-routes', { intent: 'add-link', name: 'x', url: 'https://evil.example/' })).status).toBe(302);
    expect((await anonymous.get('/datasets/bus-routes')).body).not.toContain('evil.example');

    // Its own page edits the address, and offers no file to replace it with.
    const shown = (await call<Package>('package_show', { id: 'bus-routes' })).body.result;
    const linkId = (JSON.parse((await anonymous.get('/api/v1/datasets/bus-routes')).body) as { links: { id: number; url: string }[] }).links.find((l) => l.url === 'https://bus.example.gov.cn/notices')?.id;
    expect(shown.resources.some((r) => r.url === 'https://bus.example.gov.cn/notices')).toBe(true);
    const editPage = await official.get(`/manage/datasets/bus-routes/resources/${linkId}`);
    expect(editPage.body).toContain('name="url"');
    expect(editPage.body).not.toContain('id="replace"');
    const wrong = await official.post(`/manage/datasets/bus-routes/resources/${linkId}`, { intent: 'link', url: 'notices', linkFormat: 'HTML' });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('请填写以 http:// 或 https:// 开头的网址');
    expect((await official.post(`/manage/datasets/bus-routes/resources/${linkId}`, { intent: 'link', url: 'https://bus.example.gov.cn/notices/2026', linkFormat: 'HTML' })).status).toBe(302);
    expect((await anonymous.get('/datasets/bus-routes')).body).toContain('href="https://bus.example.gov.cn/notices/2026"');
  });
});

describe('resource_update with a new file', () => {
  it('re-imports, keeps serving the previous version when the new one fails, and reports the file’s size and hash', async () => {
    expect((await call('package_create', { name: 'transport-reimport', title: '重新导入' }, token)).status).toBe(200);
    const first = '线路,站点数\n1路,20\n2路,18\n';
    const created = await multipart<Resource>('resource_create', { package_id: 'transport-reimport', name: '站点数' }, { name: 'stops.csv', text: first });
    expect(created.status).toBe(200);
    const id = created.body.result.id;
    expect(created.body.result.size).toBe(Buffer.byteLength(first));
    expect(created.body.result.hash).toBe(`sha256:${createHash('sha256').update(first).digest('hex')}`);

    const second = '线路,站点数\n1路,21\n2路,18\n3路,25\n';
    const replaced = await multipart<Resource>('resource_update', { id, name: '站点数（新）' }, { name: 'stops-v2.csv', text: second });
    expect(replaced.status).toBe(200);
    expect(replaced.body.result).toMatchObject({ id, name: '站点数（新）', size: Buffer.byteLength(second), hash: `sha256:${createHash('sha256').update(second).digest('hex')}` });
    const rows = (await call<{ total: number }>('datastore_search', { resource_id: id }, token)).body.result;
    expect(rows.total).toBe(3);

    // A file that is not a table: refused, and the table it would have replaced is still served.
    const broken = await multipart('resource_patch', { id }, { name: 'stops-v3.csv', text: new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]) });
    expect(broken.status).toBe(409);
    expect(broken.body.error?.upload).toBeDefined();
    expect((await call<{ total: number }>('datastore_search', { resource_id: id }, token)).body.result.total).toBe(3);
    const after = (await call<Resource>('resource_show', { id }, token)).body.result;
    expect(after.hash).toBe(`sha256:${createHash('sha256').update(second).digest('hex')}`);

    // resource_update empties a description it is not given; resource_patch leaves it.
    await call('resource_patch', { id, description: '每条线路的站点数。' }, token);
    expect((await call<{ description: string }>('resource_patch', { id, name: '站点数' }, token)).body.result.description).toBe('每条线路的站点数。');
    expect((await call<{ description: string }>('resource_update', { id, name: '站点数' }, token)).body.result.description).toBe('');
    expect((await call('resource_update', { id, name: 'x' })).status).toBe(403);
  });
});
