/**
 * The CKAN action API as ckanapi's RemoteCKAN calls it by default: base path /api/action/, POST
 * with a JSON body, the token in X-CKAN-API-Key; stable UUIDs wherever CKAN takes an id; CKAN's
 * timestamp format; and the read actions harvesters and catalogue tools call first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { createApiToken, demoApiToken } from '../helpers/api-token';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let anonymous: HttpClient;
let token: string;

interface Envelope<T = unknown> {
  help: string;
  success: boolean;
  result: T;
  error?: { __type: string; message: string };
}

/** As ckanapi: POST JSON to /api/action/{name}, the key (when there is one) in X-CKAN-API-Key. */
async function call<T = unknown>(action: string, body: Record<string, unknown> = {}, apiKey?: string): Promise<{ status: number; body: Envelope<T> }> {
  const response = await anonymous.request(`/api/action/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(apiKey ? { 'X-CKAN-API-Key': apiKey } : {}) },
  });
  return { status: response.status, body: JSON.parse(response.body) as Envelope<T> };
}

const CKAN_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  server = await startServer();
  anonymous = new HttpClient(server.url);
  const official = new HttpClient(server.url);
  await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
  token = await createApiToken(official);
});

afterAll(async () => {
  await server?.stop();
});

describe('ckanapi’s defaults', () => {
  it('answers on /api/action/ with POST JSON, and its help link leads to help_show', async () => {
    const status = await call<{ ckan_version: string; site_description: string; locale_default: string }>('status_show');
    expect(status.status).toBe(200);
    expect(status.body.result).toMatchObject({ ckan_version: '2.10.0', locale_default: 'zh_Hans_CN' });
    expect(status.body.result.site_description).not.toBe('');
    const help = await anonymous.get(new URL(status.body.help).pathname + new URL(status.body.help).search);
    expect(help.status).toBe(200);
    expect(JSON.parse(help.body).result).toContain('site');
    expect((await call('help_show', { name: 'no_such_action' })).status).toBe(404);
    expect((await call<boolean>('site_read')).body.result).toBe(true);
  });

  it('takes the key from X-CKAN-API-Key, and refuses a wrong one', async () => {
    const patched = await call<{ title: string }>('package_patch', { id: 'bus-routes', title: '公交线路基本信息（2026）' }, token);
    expect(patched.status).toBe(200);
    expect(patched.body.result.title).toBe('公交线路基本信息（2026）');
    const wrong = await call('package_patch', { id: 'bus-routes', title: 'x' }, 'not-a-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.__type).toBe('Authorization Error');
  });
});

describe('identifiers and timestamps', () => {
  it('gives packages, resources and organizations stable UUIDs that every action accepts, beside names and old numeric ids', async () => {
    const byName = (await call<{ id: string; name: string; owner_org: string; organization: { id: string; name: string }; metadata_modified: string; metadata_created: string; resources: { id: string; package_id: string; created: string }[] }>('package_show', { id: 'bus-ridership-2025-10' })).body.result;
    expect(byName.id).toMatch(UUID);
    expect(byName.metadata_modified).toMatch(CKAN_TIME);
    expect(byName.metadata_created).toMatch(CKAN_TIME);
    const byId = (await call<{ name: string }>('package_show', { id: byName.id })).body.result;
    expect(byId.name).toBe('bus-ridership-2025-10');

    const resource = byName.resources[0];
    expect(resource?.id).toMatch(UUID);
    expect(resource?.package_id).toBe(byName.id);
    expect(resource?.created).toMatch(CKAN_TIME);
    const shown = (await call<{ id: string }>('resource_show', { id: resource?.id })).body.result;
    expect(shown.id).toBe(resource?.id);
    const rows = await call<{ resource_id: string; total: number }>('datastore_search', { resource_id: resource?.id, limit: 1 });
    expect(rows.body.result.resource_id).toBe(resource?.id);
    expect(rows.body.result.total).toBeGreaterThan(1000);
    // Links made before UUIDs keep working.
    const numeric = /resources\/(\d+)/.exec(JSON.stringify(byName))?.[1];
    expect((await anonymous.get(`/api/3/action/datastore_search?resource_id=${numeric}&limit=1`)).status).toBe(200);

    expect(byName.organization.id).toMatch(UUID);
    expect(byName.owner_org).toBe(byName.organization.id);
    const org = (await call<{ name: string }>('organization_show', { id: byName.organization.id })).body.result;
    expect(org.name).toBe(byName.organization.name);

    // Kept across edits.
    await call('package_patch', { id: 'bus-ridership-2025-10', notes: '更新了说明' }, token);
    expect((await call<{ id: string }>('package_show', { id: 'bus-ridership-2025-10' })).body.result.id).toBe(byName.id);
  });

  it('never finds a draft by its UUID for the public', async () => {
    const draft = (await call<{ id: string }>('package_show', { id: 'community-care-facilities' })).status;
    expect(draft).toBe(404);
  });
});

describe('more read actions', () => {
  it('lists packages by name, with resources, tags and licences', async () => {
    const names = (await call<string[]>('package_list')).body.result;
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('community-care-facilities');
    const recent = (await call<{ name: string; resources: unknown[] }[]>('current_package_list_with_resources', { limit: 3 })).body.result;
    expect(recent).toHaveLength(3);
    expect(recent[0]?.resources.length).toBeGreaterThan(0);
    const tags = (await call<string[]>('tag_list')).body.result;
    expect(tags).toContain('公共交通');
    expect((await call<string[]>('tag_list', { query: '公' })).body.result.every((t) => t.startsWith('公'))).toBe(true);
    const licences = (await call<{ id: string; url: string }[]>('license_list')).body.result;
    expect(licences.find((l) => l.id === 'cc-by')?.url).toBe('https://creativecommons.org/licenses/by/4.0/');
  });
});

describe('package_search as clients and harvesters send it', () => {
  type Search = { count: number; results: { name: string; id: string; metadata_modified: string; organization: { name: string } }[]; facets: Record<string, Record<string, number>>; search_facets: Record<string, { items: { name: string; count: number }[] }> };
  const search = (body: Record<string, unknown>, apiKey?: string) => call<Search>('package_search', body, apiKey);

  it('filters with fq: AND, OR, NOT, a leading minus, quoted values, parentheses', async () => {
    const transport = (await search({ fq: 'organization:transport', rows: 100 })).body.result;
    expect(transport.count).toBe(2);
    expect(transport.results.every((r) => r.organization.name === 'transport')).toBe(true);
    const either = (await search({ fq: 'organization:transport OR organization:emergency', rows: 100 })).body.result;
    expect(either.count).toBe(3);
    const notTransport = (await search({ fq: '-organization:transport', rows: 100 })).body.result;
    const all = (await search({ rows: 100 })).body.result;
    expect(notTransport.count).toBe(all.count - 2);
    expect((await search({ fq: 'NOT organization:transport', rows: 100 })).body.result.count).toBe(all.count - 2);
    const both = (await search({ fq: '(tags:"公共交通" AND res_format:CSV) organization:transport', rows: 100 })).body.result;
    expect(both.results.map((r) => r.name).sort()).toEqual(['bus-ridership-2025-10', 'bus-routes']);
    expect((await search({ fq: 'access_level:conditional' })).body.result.results.map((r) => r.name)).toEqual(['enterprise-spot-checks']);
  });

  it('returns exactly the datasets changed since a time, as incremental harvesting asks', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    const patched = await call('package_patch', { id: 'bus-routes', notes: '新增两条线路' }, token);
    expect(patched.status).toBe(200);
    const changed = (await search({ fq: `metadata_modified:[${since} TO NOW]`, rows: 100 })).body.result;
    expect(changed.results.map((r) => r.name)).toEqual(['bus-routes']);
    const open = (await search({ fq: `metadata_modified:[${since} TO *]`, rows: 100 })).body.result;
    expect(open.count).toBe(1);
  });

  it('sorts by id, name, title and the timestamps in either direction, and pages without overlap', async () => {
    const byId = (await search({ sort: 'id asc', rows: 100 })).body.result.results.map((r) => r.id);
    expect(byId).toEqual([...byId].sort());
    const byName = (await search({ sort: 'name desc', rows: 100 })).body.result.results.map((r) => r.name);
    expect(byName).toEqual([...byName].sort().reverse());
    const modified = (await search({ sort: 'metadata_modified asc', rows: 100 })).body.result.results.map((r) => r.metadata_modified);
    expect(modified).toEqual([...modified].sort());
    const pages: string[] = [];
    for (let start = 0; start < 20; start += 3) pages.push(...(await search({ sort: 'id asc', rows: 3, start })).body.result.results.map((r) => r.id));
    expect(pages).toEqual(byId);
  });

  it('reads field terms in q, and counts facets as CKAN does', async () => {
    expect((await search({ q: 'name:bus-routes' })).body.result.results.map((r) => r.name)).toEqual(['bus-routes']);
    expect((await search({ q: 'tags:公交' })).body.result.count).toBe(2);
    expect((await search({ q: '公交' })).body.result.count).toBeGreaterThan(0);
    const faceted = (await search({ 'facet.field': JSON.stringify(['organization', 'res_format', 'license_id']), 'facet.limit': 2, rows: 0 })).body.result;
    expect(Object.keys(faceted.facets.organization ?? {})).toHaveLength(2);
    expect(faceted.search_facets.res_format?.items[0]).toMatchObject({ name: 'CSV' });
    expect(Object.keys(faceted.facets.license_id ?? {})).toContain('cc-by');
    expect(faceted.results).toHaveLength(0);
  });

  it('refuses what it cannot do with CKAN’s validation error, naming the field, never a wider result', async () => {
    for (const [body, field] of [
      [{ fq: 'capacity:public' }, 'fq'],
      [{ fq: 'organization:(transport' }, 'fq'],
      [{ fq: 'metadata_modified:[2026-13-01 TO NOW]' }, 'fq'],
      [{ fq: `${'('.repeat(50)}name:x${')'.repeat(50)}` }, 'fq'],
      [{ sort: 'name; DROP TABLE datasets' }, 'sort'],
      [{ 'facet.field': '["private"]' }, 'facet.field'],
      [{ rows: -1 }, 'rows'],
    ] as const) {
      const refused = await search(body);
      expect(refused.status, JSON.stringify(body)).toBe(409);
      expect(refused.body.error?.__type).toBe('Validation Error');
      expect(JSON.stringify(refused.body.error)).toContain(field);
    }
  });

  it('includes the token owner’s drafts with include_private, and only theirs', async () => {
    const draft = await call('package_create', { name: 'transport-draft-ckan', title: '草稿' }, token);
    expect(draft.status).toBe(200);
    const withPrivate = (await search({ include_private: true, rows: 100, fq: 'organization:transport' }, token)).body.result;
    expect(withPrivate.results.map((r) => r.name)).toContain('transport-draft-ckan');
    const publicOnly = (await search({ rows: 100, fq: 'organization:transport' }, token)).body.result;
    expect(publicOnly.results.map((r) => r.name)).not.toContain('transport-draft-ckan');
    const anonymousPrivate = (await search({ include_private: true, rows: 100 })).body.result;
    expect(anonymousPrivate.results.map((r) => r.name)).not.toContain('community-care-facilities');
  });
});

describe('the DataStore', () => {
  type Rows = { records: unknown; fields: { id: string }[]; total?: number; _links: { next: string; start: string }; records_format: string };
  let resourceId: string;

  beforeAll(async () => {
    const pkg = (await call<{ resources: { id: string }[] }>('package_show', { id: 'business-registrations' })).body.result;
    resourceId = pkg.resources[0]?.id ?? '';
  });

  it('follows _links.next to the end, keeping the query', async () => {
    const first = (await call<Rows>('datastore_search', { resource_id: resourceId, limit: 3, filters: { 所在区县: '北湖区' }, sort: '企业名称 asc', fields: ['企业名称', '所在区县'] })).body.result;
    const total = first.total ?? 0;
    expect(total).toBeGreaterThan(3);
    const seen = [...(first.records as { 企业名称: string; 所在区县: string }[])];
    let next = first._links.next;
    for (let guard = 0; guard < 50 && seen.length < total; guard += 1) {
      const page = JSON.parse((await anonymous.get(next)).body).result as Rows;
      const records = page.records as { 企业名称: string; 所在区县: string }[];
      if (records.length === 0) break;
      seen.push(...records);
      next = page._links.next;
    }
    expect(seen).toHaveLength(total);
    expect(seen.every((r) => r.所在区县 === '北湖区' && Object.keys(r).length === 2)).toBe(true);
    const names = seen.map((r) => r.企业名称);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('answers distinct, without the total, and as lists, CSV or TSV', async () => {
    const districts = (await call<Rows>('datastore_search', { resource_id: resourceId, distinct: true, fields: ['所在区县'], sort: '所在区县 desc', limit: 100 })).body.result;
    const values = (districts.records as { 所在区县: string }[]).map((r) => r.所在区县);
    expect(new Set(values).size).toBe(values.length);
    expect(districts.total).toBe(values.length);
    const noTotal = (await call<Rows>('datastore_search', { resource_id: resourceId, include_total: false, limit: 1 })).body.result;
    expect(noTotal.total).toBeUndefined();
    const lists = (await call<Rows>('datastore_search', { resource_id: resourceId, records_format: 'lists', fields: ['_id', '企业名称'], limit: 2 })).body.result;
    expect(lists.records).toEqual([
      [1, expect.any(String)],
      [2, expect.any(String)],
    ]);
    const csv = (await call<Rows>('datastore_search', { resource_id: resourceId, records_format: 'csv', fields: ['_id', '所在区县'], limit: 2 })).body.result;
    expect(csv.records).toMatch(/^1,\S+\n2,\S+\n$/);
    const tsv = (await call<Rows>('datastore_search', { resource_id: resourceId, records_format: 'tsv', fields: ['_id', '所在区县'], limit: 1 })).body.result;
    expect(tsv.records).toMatch(/^1\t\S+\n$/);
    expect((await call('datastore_search', { resource_id: resourceId, records_format: 'xml' })).status).toBe(409);
    expect((await call('datastore_search', { resource_id: resourceId, fields: [{ toString: 1 }] })).status).toBe(409);
  });

  it('describes a table with datastore_info', async () => {
    const info = (await call<{ meta: { count: number }; fields: { id: string; type: string; info: { notes: string } }[] }>('datastore_info', { resource_id: resourceId })).body.result;
    expect(info.meta.count).toBeGreaterThan(10);
    expect(info.fields.find((f) => f.id === '统一社会信用代码')).toMatchObject({ type: 'text', info: { notes: '18 位法人和其他组织统一社会信用代码' } });
  });
});

describe('organizations', () => {
  it('pages and sorts the list, and shows one with its datasets', async () => {
    const byCount = (await call<{ name: string; package_count: number }[]>('organization_list', { all_fields: true, sort: 'package_count desc' })).body.result;
    const counts = byCount.map((o) => o.package_count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const page = (await call<string[]>('organization_list', { limit: 2, offset: 1 })).body.result;
    expect(page).toHaveLength(2);
    expect((await call('organization_list', { sort: 'secret desc' })).status).toBe(409);
    const transport = (await call<{ packages: { name: string }[]; package_count: number }>('organization_show', { id: 'transport', include_datasets: true })).body.result;
    expect(transport.packages.map((p) => p.name).sort()).toEqual(['bus-ridership-2025-10', 'bus-routes']);
    expect(transport.package_count).toBe(2);
  });
});

describe('a harvester as ckanext-harvest runs one', () => {
  type Package = { id: string; name: string; metadata_modified: string; resources: { id: string; url: string }[] };

  /** Paged package_search sorted by id, as the CKAN harvester gathers; the fq restricts to changes since a time. */
  async function gather(fq?: string): Promise<Package[]> {
    const found: Package[] = [];
    for (let start = 0; ; start += 5) {
      const page = (await call<{ count: number; results: Package[] }>('package_search', { sort: 'id asc', rows: 5, start, ...(fq ? { fq } : {}) })).body.result;
      found.push(...page.results);
      if (page.results.length < 5 || found.length >= page.count) break;
    }
    return found;
  }

  it('gets every public dataset exactly once and nothing else, then only what changed', async () => {
    const harvestStarted = new Date();
    const all = await gather();
    const names = all.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual((await call<string[]>('package_list')).body.result);
    for (const hidden of ['community-care-facilities', 'relief-household-register', 'transport-draft-ckan']) expect(names).not.toContain(hidden);
    // Every resource URL it would fetch answers (conditional data: the refusal, not rows).
    for (const pkg of all) {
      for (const resource of pkg.resources) {
        const response = await anonymous.get(new URL(resource.url).pathname);
        expect([200, 403], `${pkg.name} ${resource.url}`).toContain(response.status);
        if (pkg.name !== 'enterprise-spot-checks') expect(response.status).toBe(200);
      }
    }
    // The next run asks for what changed since the last one began.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call('package_patch', { id: 'bus-ridership-2025-10', notes: '增加了 10 月下半月' }, token);
    const changed = await gather(`metadata_modified:[${harvestStarted.toISOString()} TO *]`);
    expect(changed.map((p) => p.name)).toEqual(['bus-ridership-2025-10']);
  });
});

describe('writing as a department system does', () => {
  it('creates, uploads, publishes, deletes a resource and retires the package; never a silent draft', async () => {
    const early = await call('package_create', { name: 'transport-ckan-early', title: '直接公开', private: false }, token);
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body.error)).toContain('resource_create');
    expect((await call('package_show', { id: 'transport-ckan-early' }, token)).status).toBe(404);
    expect((await call('package_create', { name: 'transport-ckan-tags', title: '标签', tags: [{ name: 'x' }] }, token)).status).toBe(409);

    const created = await call<{ id: string; name: string; private: boolean }>('package_create', { name: 'transport-ckan-flow', title: '接口发布的数据集', tags: [{ name: '公交' }] }, token);
    expect(created.status).toBe(200);
    expect(created.body.result.private).toBe(true);
    const form = new FormData();
    form.set('package_id', created.body.result.id);
    form.set('name', '线路站点');
    form.set('upload', new Blob(['线路,站点数\n1路,20\n2路,18\n'], { type: 'text/csv' }), 'stops.csv');
    const uploaded = await anonymous.request('/api/action/resource_create', { method: 'POST', body: form, headers: { 'X-CKAN-API-Key': token } });
    expect(uploaded.status).toBe(200);
    const resource = JSON.parse(uploaded.body).result as { id: string };
    const published = await call<{ private: boolean }>('package_patch', { id: 'transport-ckan-flow', private: false }, token);
    expect(published.body.result.private).toBe(false);
    expect((await call('package_show', { id: 'transport-ckan-flow' })).status).toBe(200);

    // Another department's key deletes nothing.
    const civilToken = await demoApiToken(server.url, 'civil@jindianzi.example');
    expect((await call('package_delete', { id: 'transport-ckan-flow' }, civilToken)).status).toBe(403);
    expect((await call('resource_delete', { id: resource.id }, civilToken)).status).toBe(404);
    expect((await call('package_delete', { id: 'transport-ckan-flow' })).status).toBe(403);

    expect((await call('resource_delete', { id: resource.id }, token)).status).toBe(200);
    expect((await call('resource_show', { id: resource.id })).status).toBe(404);
    expect((await call('package_delete', { id: 'transport-ckan-flow' }, token)).status).toBe(200);
    expect((await call('package_show', { id: 'transport-ckan-flow' })).status).toBe(404);
    expect((await call<string[]>('package_list')).body.result).not.toContain('transport-ckan-flow');
    // Kept for its department and its history.
    expect((await call('package_show', { id: 'transport-ckan-flow' }, token)).status).toBe(200);
  });
});

describe('what is not supported', () => {
  it('says so in CKAN’s envelope', async () => {
    const sqlSearch = await call('datastore_search_sql', { sql: 'SELECT * FROM users' });
    expect(sqlSearch.status).toBe(400);
    expect(sqlSearch.body.error?.message).toContain('not supported');
    const unknown = await call('group_purge', { id: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.success).toBe(false);
  });
});

describe('package_update', () => {
  it('replaces the description, removes the resources it does not list, and never opens data by leaving levels out', async () => {
    expect((await call('package_create', { name: 'transport-ckan-update', title: '更新测试', notes: '原来的说明', tags: [{ name: '公交' }] }, token)).status).toBe(200);
    const upload = async (name: string) => {
      const form = new FormData();
      form.set('package_id', 'transport-ckan-update');
      form.set('name', name);
      form.set('upload', new Blob(['线路,站点数\n1路,20\n'], { type: 'text/csv' }), `${name}.csv`);
      return JSON.parse((await anonymous.request('/api/action/resource_create', { method: 'POST', body: form, headers: { 'X-CKAN-API-Key': token } })).body).result as { id: string };
    };
    const first = await upload('表一');
    const second = await upload('表二');
    expect((await call('package_patch', { id: 'transport-ckan-update', access_level: 'conditional' }, token)).status).toBe(200);

    // A resource that is not the package's: refused, nothing changed.
    const foreign = (await call<{ resources: { id: string }[] }>('package_show', { id: 'bus-routes' })).body.result.resources[0]?.id;
    expect((await call('package_update', { id: 'transport-ckan-update', title: 'x', resources: [{ id: foreign }] }, token)).status).toBe(409);
    expect((await call<{ title: string }>('package_show', { id: 'transport-ckan-update' }, token)).body.result.title).toBe('更新测试');

    const updated = await call<{ title: string; notes: string; tags: unknown[]; access_level: string; private: boolean; resources: { id: string }[] }>(
      'package_update',
      { id: 'transport-ckan-update', title: '更新后的标题', resources: [{ id: first.id }] },
      token,
    );
    expect(updated.status).toBe(200);
    expect(updated.body.result).toMatchObject({ title: '更新后的标题', notes: '', tags: [], access_level: 'conditional', private: true });
    expect(updated.body.result.resources.map((r) => r.id)).toEqual([first.id]);
    expect((await call('resource_show', { id: second.id }, token)).status).toBe(404);
    expect((await call('package_update', { id: 'transport-ckan-update' })).status).toBe(403);
  });
});
