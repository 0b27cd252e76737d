/**
 * SQL injection payloads through every filter, sort, search and paging parameter of the public
 * data interfaces (rows API, CKAN datastore_search, downloads, catalogue and challenge search).
 * Each answer must be a clean refusal or a literal match (never a 500, never more rows), and the
 * database must come out unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

const PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "'; DROP TABLE users; --",
  '"; DROP TABLE "dataset_resources"; --',
  "1; DELETE FROM sessions",
  "') UNION SELECT email, password_hash, 1, 1, 1, 1, 1, 1 FROM users --",
  '" UNION SELECT name FROM sqlite_master --',
  "%' AND 1=0 UNION SELECT sql FROM sqlite_master WHERE '%'='",
  '1 AND randomblob(1000000000)',
  "x' AND (SELECT COUNT(*) FROM users) > 0 AND 'a'='a",
  '\\',
  "_id; --",
  '统一社会信用代码" DESC; DROP TABLE users; --',
];

let server: TestServer;
let base = '';
let resourceId = 0;
let total = 0;
const COLUMN = '所在区县';

beforeAll(async () => {
  server = await startServer();
  const detail = (await (await fetch(`${server.url}/api/v1/datasets/business-registrations`)).json()) as { resources: { id: number }[] };
  resourceId = detail.resources[0]?.id ?? 0;
  base = `${server.url}/api/v1/datasets/business-registrations/resources/${resourceId}`;
  total = ((await (await fetch(`${base}/rows`)).json()) as { total: number }).total;
});

afterAll(async () => {
  await server?.stop();
});

async function get(url: string) {
  const response = await fetch(url);
  const body = await response.text();
  return { status: response.status, body };
}

function expectCleanAnswer(result: { status: number; body: string }, where: string) {
  expect([200, 400, 404, 409], `${where} → ${result.status}: ${result.body.slice(0, 200)}`).toContain(result.status);
  // Payloads are echoed in error messages; what must never appear is data they aimed at.
  expect(result.body, where).not.toMatch(/scrypt\$|CREATE TABLE|SQLITE_[A-Z]|SqliteError|admin@jindianzi\.example/);
}

describe('SQL injection through data interfaces', () => {
  it('rows API: every filter operator, sort, q, limit and offset', async () => {
    for (const payload of PAYLOADS) {
      const e = encodeURIComponent(payload);
      const column = encodeURIComponent(COLUMN);
      for (const query of [`eq.${column}=${e}`, `contains.${column}=${e}`, `gte.${column}=${e}`, `lte.${column}=${e}`, `sort=${e}`, `sort=-${e}`, `q=${e}`, `limit=${e}`, `offset=${e}`, `eq.${e}=1`, `contains.${e}=1`]) {
        const result = await get(`${base}/rows?${query}`);
        expectCleanAnswer(result, `rows?${query}`);
        if (result.status === 200) {
          const parsed = JSON.parse(result.body) as { total: number; records: Record<string, unknown>[] };
          // A payload is a literal value: it never widens the result.
          if (query.startsWith('eq.') || query.startsWith('contains.') || query.startsWith('q=')) expect(parsed.total, query).toBe(0);
          expect(parsed.total).toBeLessThanOrEqual(total);
        }
      }
    }
  });

  it("CKAN datastore_search: filters, q, sort, fields, limit and offset as JSON and in the query string", async () => {
    for (const payload of PAYLOADS) {
      const bodies = [
        { resource_id: resourceId, filters: { [COLUMN]: payload } },
        { resource_id: resourceId, filters: { [payload]: 'x' } },
        { resource_id: resourceId, q: payload },
        { resource_id: resourceId, sort: payload },
        { resource_id: resourceId, sort: `${COLUMN} desc, ${payload}` },
        { resource_id: resourceId, fields: payload },
        { resource_id: resourceId, fields: [COLUMN, payload] },
        { resource_id: resourceId, limit: payload },
        { resource_id: resourceId, offset: payload },
        { resource_id: payload },
      ];
      for (const body of bodies) {
        const response = await fetch(`${server.url}/api/3/action/datastore_search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        const text = await response.text();
        expectCleanAnswer({ status: response.status, body: text }, `datastore_search ${JSON.stringify(body)}`);
        if (response.status === 200 && ('filters' in body || 'q' in body)) expect((JSON.parse(text) as { result: { total: number } }).result.total).toBe(0);
      }
      const viaQuery = await get(`${server.url}/api/3/action/datastore_search?resource_id=${resourceId}&q=${encodeURIComponent(payload)}&sort=${encodeURIComponent(payload)}`);
      expectCleanAnswer(viaQuery, `datastore_search?q&sort=${payload}`);
      const search = await get(`${server.url}/api/3/action/package_search?q=${encodeURIComponent(payload)}&fq=${encodeURIComponent(`organization:${payload}`)}&sort=${encodeURIComponent(payload)}&rows=${encodeURIComponent(payload)}`);
      expectCleanAnswer(search, `package_search ${payload}`);
    }
  });

  it('downloads and the search pages of catalogue, challenges and data requests', async () => {
    for (const payload of PAYLOADS) {
      const e = encodeURIComponent(payload);
      for (const url of [
        `${server.url}/datasets/business-registrations/resources/${resourceId}/download/csv?eq.${encodeURIComponent(COLUMN)}=${e}&sort=${e}`,
        `${server.url}/datasets/business-registrations/resources/${resourceId}?contains.${encodeURIComponent(COLUMN)}=${e}&sort=${e}&q=${e}`,
        `${server.url}/datasets?q=${e}&department=${e}&tag=${e}&format=${e}&licence=${e}&sort=${e}&page=${e}`,
        `${server.url}/api/v1/datasets?q=${e}&department=${e}&limit=${e}`,
        `${server.url}/challenges?q=${e}&phase=${e}&department=${e}&sort=${e}`,
        `${server.url}/api/v1/challenges?phase=${e}&department=${e}`,
        `${server.url}/requests?q=${e}&status=${e}&sort=${e}`,
      ]) {
        expectCleanAnswer(await get(url), url);
      }
    }
  });

  it('leaves the database as it was', async () => {
    const after = ((await (await fetch(`${base}/rows`)).json()) as { total: number }).total;
    expect(after).toBe(total);
    const http = new HttpClient(server.url);
    await http.signIn(PARTICIPANT, DEMO_PASSWORD);
    expect((await http.get('/me')).status).toBe(200);
    const list = (await (await fetch(`${server.url}/api/3/action/package_list`)).json()) as { result: string[] };
    expect(list.result).toContain('business-registrations');
  });
});
