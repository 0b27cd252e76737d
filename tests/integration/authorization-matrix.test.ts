/**
 * The authorization matrix of docs/security.md, enforced: every route of the built app's Remix
 * route manifest must have an entry here, and for each of eight viewers every loader (GET) and
 * action (POST) is requested on seeded objects and must be allowed or refused as listed. A new
 * route without an entry fails this test, so nothing slips through.
 *
 * Objects: challenge C = relief-payment-accuracy (民政局, in judging), entry E = 6 (citizen's team in
 * C), draft dataset community-care-facilities (民政局, resource 9), published dataset
 * elderly-care-institutions (resource 7), data request 2 (addressed to 民政局).
 *
 * Viewers, in the order of each expectation string:
 *   a anonymous · p participant (volunteer, no part in C) · t member of another team in C (researcher)
 *   j judge of another challenge only · J judge of C · o official of another department (交通运输局)
 *   O official of the owning department (民政局) · A admin
 * `y` means the request passed authorization (2xx, 3xx other than to sign-in or account set-up, or
 * 400/409/422 for the empty form), `n` that it was refused (redirect to sign-in, 403, 404 or 405).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationLink } from '../helpers/challenge-flows';
import { ADMIN, CIVIL_OFFICIAL, DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const VIEWERS = ['anonymous', 'participant', 'otherTeam', 'otherJudge', 'judge', 'otherOfficial', 'official', 'admin'] as const;
type Viewer = (typeof VIEWERS)[number];

interface Entry {
  /** Concrete URL on the seeded objects. */
  url: string;
  /** Expected for GET (loader) and POST (action), one letter per viewer; omitted when the route has none. */
  get?: string;
  post?: string;
  /** Why a method is not exercised here (side effects tested elsewhere). */
  skipPost?: string;
}

const C = 'relief-payment-accuracy';
const E = 6;

const MATRIX: Record<string, Entry[]> = {
  root: [{ url: '/', get: 'yyyyyyyy' }],
  'routes/_index': [{ url: '/', get: 'yyyyyyyy' }],
  'routes/$': [{ url: '/no-such-page', get: 'nnnnnnnn', post: 'nnnnnnnn' }],
  'routes/healthz': [{ url: '/healthz', get: 'yyyyyyyy' }],
  'routes/readyz': [{ url: '/readyz', get: 'yyyyyyyy' }],
  // Only this machine or a holder of METRICS_TOKEN; the clients here come from elsewhere (X-Forwarded-For).
  'routes/metrics': [{ url: '/metrics', get: 'nnnnnnnn' }],
  // The page benchmark's baseline exists only under BENCH_ROUTES=1, which this server does not set.
  'routes/bench.bare': [{ url: '/bench/bare', get: 'nnnnnnnn' }],
  'routes/locale': [{ url: '/locale', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/login': [{ url: '/login', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  // Without a password just checked there is no second step to take: back to sign-in.
  'routes/login_.two-factor': [{ url: '/login/two-factor', get: 'nnnnnnnn', post: 'nnnnnnnn' }],
  'routes/logout': [{ url: '/logout', get: 'yyyyyyyy', skipPost: 'ends the session; tests/integration/auth.test.ts' }],
  'routes/register': [{ url: '/register', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/forgot-password': [{ url: '/forgot-password', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/reset-password': [{ url: '/reset-password', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/verify-email': [{ url: '/verify-email', get: 'yyyyyyyy' }],
  'routes/me': [{ url: '/me', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.verify': [{ url: '/account/verify', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.applications': [{ url: '/account/applications', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.sessions': [{ url: '/account/sessions', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.two-factor': [{ url: '/account/two-factor', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.confirm': [{ url: '/account/confirm', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.tokens': [{ url: '/account/tokens', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/markdown.preview': [{ url: '/markdown/preview', get: 'nnnnnnnn', post: 'nyyyyyyy' }],
  'routes/admin': [{ url: '/admin', get: 'nnnnnnny' }],
  'routes/admin._index': [{ url: '/admin', get: 'nnnnnnny' }],
  'routes/admin.departments._index': [{ url: '/admin/departments', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/admin.departments.$id': [{ url: '/admin/departments/1', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/admin.people._index': [{ url: '/admin/people', get: 'nnnnnnny' }],
  'routes/admin.people.invite': [{ url: '/admin/people/invite', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/admin.people.$id': [{ url: '/admin/people/2', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/admin.site': [{ url: '/admin/site', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/admin.legal': [{ url: '/admin/legal', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/legal.$kind': [
    { url: '/legal/privacy', get: 'yyyyyyyy' },
    { url: '/legal/cookies', get: 'nnnnnnnn' },
  ],
  'routes/account.password': [{ url: '/account/password', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.export': [{ url: '/account/export', get: 'nyyyyyyy' }],
  'routes/account.export[.]json': [{ url: '/account/export.json', get: 'nyyyyyyy' }],
  // POST needs the password: an empty form changes nothing (tests/integration/admin.test.ts deletes one).
  'routes/account.delete': [{ url: '/account/delete', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  // Without SMTP (this server) the change cannot be mailed: 409 for everyone signed in.
  'routes/account.email': [{ url: '/account/email', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  // The token is the credential: without one, a page that says so.
  'routes/account.email_.confirm': [{ url: '/account/email/confirm', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/account.consent': [{ url: '/account/consent', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  // The token in the link is the credential: without one, a page that says so.
  'routes/invitation': [{ url: '/invitation', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/admin.audit': [{ url: '/admin/audit', get: 'nnnnnnny' }],
  'routes/admin.audit[.]csv': [{ url: '/admin/audit.csv', get: 'nnnnnnny' }],
  'routes/admin.system': [{ url: '/admin/system', get: 'nnnnnnny' }],
  'routes/admin.outbox': [{ url: '/admin/outbox', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/api._index': [{ url: '/api', get: 'yyyyyyyy' }],
  'routes/search': [{ url: `/search?${new URLSearchParams({ q: '公交' })}`, get: 'yyyyyyyy' }],
  'routes/catalog[.]jsonld': [{ url: '/catalog.jsonld', get: 'yyyyyyyy' }],
  'routes/catalog[.]ttl': [{ url: '/catalog.ttl', get: 'yyyyyyyy' }],
  'routes/catalog[.]rdf': [{ url: '/catalog.rdf', get: 'yyyyyyyy' }],
  // Sends every client on to a serialisation by its Accept header (303).
  'routes/catalog': [{ url: '/catalog', get: 'yyyyyyyy' }],
  // `/datasets/<slug>.ttl|.rdf|.jsonld` arrive here (server/dataset-rdf-paths.ts). The public record
  // only: no draft even for its own department.
  'routes/dcat.datasets.$file': [
    { url: '/datasets/elderly-care-institutions.ttl', get: 'yyyyyyyy' },
    { url: '/datasets/community-care-facilities.jsonld', get: 'nnnnnnnn' },
  ],
  'routes/licences.gov-open': [{ url: '/licences/gov-open', get: 'yyyyyyyy' }],
  'routes/api.3.action.$action': [
    { url: '/api/3/action/package_list', get: 'yyyyyyyy' },
    { url: '/api/3/action/package_show?id=community-care-facilities', get: 'nnnnnnyy' },
    // Writes need an API token: a browser session, even an official's, is refused.
    { url: '/api/3/action/package_create', post: 'nnnnnnnn' },
  ],
  // ckanapi's default base path: the same actions, the same answers.
  'routes/api.action.$action': [
    { url: '/api/action/package_list', get: 'yyyyyyyy' },
    { url: '/api/action/package_show?id=community-care-facilities', get: 'nnnnnnyy' },
    { url: '/api/action/package_create', post: 'nnnnnnnn' },
  ],
  'routes/api.v1.datasets._index': [{ url: '/api/v1/datasets', get: 'yyyyyyyy' }],
  'routes/api.v1.datasets.$slug._index': [
    { url: '/api/v1/datasets/elderly-care-institutions', get: 'yyyyyyyy' },
    { url: '/api/v1/datasets/community-care-facilities', get: 'nnnnnnyy' },
  ],
  'routes/api.v1.datasets.$slug.resources.$id.rows': [
    { url: '/api/v1/datasets/elderly-care-institutions/resources/7/rows', get: 'yyyyyyyy' },
    { url: '/api/v1/datasets/community-care-facilities/resources/9/rows', get: 'nnnnnnyy' },
  ],
  'routes/api.v1.challenges._index': [{ url: '/api/v1/challenges', get: 'yyyyyyyy' }],
  'routes/api.v1.challenges.$slug': [
    { url: `/api/v1/challenges/${C}`, get: 'yyyyyyyy' },
    { url: '/api/v1/challenges/elderly-care-map', get: 'nnnnnnnn' },
  ],
  'routes/datasets._index': [{ url: '/datasets', get: 'yyyyyyyy' }],
  // Unpinning and pinning charts: the dataset's department only (tests/integration/charts.test.ts).
  'routes/datasets.$slug._index': [
    { url: '/datasets/elderly-care-institutions', get: 'yyyyyyyy', post: 'nnnnnnyy' },
    { url: '/datasets/community-care-facilities', get: 'nnnnnnyy', post: 'nnnnnnyy' },
    // 有条件开放 (市场监管局): its page is public. 不予开放 but 无条件共享 (民政局): officials of every department.
    { url: '/datasets/enterprise-spot-checks', get: 'yyyyyyyy' },
    { url: '/datasets/relief-household-register', get: 'nnnnnyyy' },
  ],
  // Anyone signed in reaches the form (which says when they cannot apply); the empty form is refused beside its fields.
  'routes/datasets.$slug.apply': [
    { url: '/datasets/enterprise-spot-checks/apply', get: 'nyyyyyyy', post: 'nyyyyyyy' },
    { url: '/datasets/relief-household-register/apply', get: 'nnnnnyyy', post: 'nnnnnyyy' },
  ],
  'routes/datasets.$slug.resources.$id._index': [
    { url: '/datasets/elderly-care-institutions/resources/7', get: 'yyyyyyyy', post: 'nnnnnnyy' },
    { url: '/datasets/community-care-facilities/resources/9', get: 'nnnnnnyy', post: 'nnnnnnyy' },
    // Rows of conditional data: 403 without a grant (no participant here holds one; tests/integration/access-levels.test.ts),
    // while other departments' officials read it, since it is also 无条件共享.
    { url: '/datasets/enterprise-spot-checks/resources/11', get: 'nnnnnyyy' },
    { url: '/datasets/relief-household-register/resources/12', get: 'nnnnnyyy' },
  ],
  'routes/datasets.$slug.resources.$id.download.$format': [
    { url: '/datasets/elderly-care-institutions/resources/7/download/csv', get: 'yyyyyyyy' },
    { url: '/datasets/community-care-facilities/resources/9/download/csv', get: 'nnnnnnyy' },
    { url: '/datasets/enterprise-spot-checks/resources/11/download/csv', get: 'nnnnnyyy' },
    { url: '/datasets/relief-household-register/resources/12/download/csv', get: 'nnnnnyyy' },
  ],
  // Without chart parameters: 400 for those who may read the table, 404 for the rest.
  'routes/datasets.$slug.resources.$id.chart[.svg]': [
    { url: '/datasets/elderly-care-institutions/resources/7/chart.svg', get: 'yyyyyyyy' },
    { url: '/datasets/community-care-facilities/resources/9/chart.svg', get: 'nnnnnnyy' },
  ],
  'routes/datasets.$slug.resources.$id.chart[.png]': [
    { url: '/datasets/elderly-care-institutions/resources/7/chart.png', get: 'yyyyyyyy' },
    { url: '/datasets/community-care-facilities/resources/9/chart.png', get: 'nnnnnnyy' },
  ],
  'routes/datasets.$slug.resources.$id.map': [
    { url: '/datasets/elderly-care-institutions/resources/7/map', get: 'yyyyyyyy' },
    { url: '/datasets/community-care-facilities/resources/9/map', get: 'nnnnnnyy' },
  ],
  // Without `on`: 400 for those who may read both tables, 404 for the rest.
  'routes/api.v1.joins': [
    { url: '/api/v1/joins?left=7&right=7', get: 'yyyyyyyy' },
    { url: '/api/v1/joins?left=7&right=9', get: 'nnnnnnyy' },
  ],
  'routes/map': [{ url: '/map?layer=points:8&layer=regions:5', get: 'yyyyyyyy', post: 'nnnnnyyy' }],
  'routes/joins': [
    { url: '/joins', get: 'yyyyyyyy' },
    { url: '/joins?left=7&right=7&on=_id', get: 'yyyyyyyy' },
  ],
  'routes/challenges._index': [{ url: '/challenges', get: 'yyyyyyyy' }],
  'routes/challenges.$slug._index': [
    { url: `/challenges/${C}`, get: 'yyyyyyyy', post: 'nyyyyyyy' },
    { url: '/challenges/elderly-care-map', get: 'nnnnnnyy' },
  ],
  // Not published yet: not found for anyone (organisers use the workspace).
  'routes/challenges.$slug.results': [{ url: `/challenges/${C}/results`, get: 'nnnnnnnn' }],
  'routes/entries.$id._index': [{ url: `/entries/${E}`, get: 'nnnnynyy', post: 'nnnnnnnn' }],
  'routes/entries.$id.attachments._index': [{ url: `/entries/${E}/attachments`, get: 'nnnnnnnn', post: 'nnnnnnnn' }],
  'routes/entries.$id.attachments.$attachmentId': [{ url: `/entries/${E}/attachments/999999`, get: 'nnnnnnnn' }],
  // C has no People's Choice: there is nothing to vote on.
  'routes/entries.$id.vote': [{ url: `/entries/${E}/vote`, get: 'nnnnnnnn', post: 'nnnnnnnn' }],
  'routes/judging._index': [{ url: '/judging', get: 'nyyyyyyy' }],
  'routes/judging.$slug._index': [{ url: `/judging/${C}`, get: 'nnnnynnn' }],
  'routes/judging.$slug.$entryId': [{ url: `/judging/${C}/${E}`, get: 'nnnnynnn', post: 'nnnnynnn' }],
  'routes/requests._index': [{ url: '/requests', get: 'yyyyyyyy' }],
  'routes/adopted._index': [{ url: '/adopted', get: 'yyyyyyyy' }],
  'routes/adopted[.]atom': [{ url: '/adopted.atom', get: 'yyyyyyyy' }],
  // Reporting needs an official's API token, never a session (tests/integration/adoptions.test.ts).
  'routes/api.v1.adoptions': [{ url: '/api/v1/adoptions', get: 'yyyyyyyy', post: 'nnnnnnnn' }],
  // C's results are not out: nobody keeps an adoption record yet (the allowed cases: adoptions.test.ts).
  'routes/manage.challenges.$slug.adoption.$entryId': [{ url: `/manage/challenges/${C}/adoption/${E}`, get: 'nnnnnnnn', post: 'nnnnnnnn' }],
  'routes/requests.new': [{ url: '/requests/new', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/requests.$id': [{ url: '/requests/2', get: 'yyyyyyyy', post: 'nyyyyyyy' }],
  'routes/manage._index': [{ url: '/manage', get: 'nnnnnyyy' }],
  'routes/manage.moderation': [{ url: '/manage/moderation', get: 'nnnnnyyy', post: 'nnnnnyyy' }],
  'routes/follow': [{ url: '/follow', get: 'nnnnnnnn', post: 'nyyyyyyy' }],
  'routes/notifications': [{ url: '/notifications', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  'routes/account.notifications': [{ url: '/account/notifications', get: 'nyyyyyyy', post: 'nyyyyyyy' }],
  // The signed link is the credential: without one, a page that says so (GET) or 400 (POST).
  'routes/unsubscribe': [{ url: '/unsubscribe', get: 'yyyyyyyy', post: 'yyyyyyyy' }],
  'routes/manage.imports.$id': [{ url: '/manage/imports/7', get: 'nnnnnnyy' }],
  'routes/manage.datasets.new': [{ url: '/manage/datasets/new', get: 'nnnnnyyy', post: 'nnnnnyyy' }],
  'routes/manage.datasets.$slug._index': [{ url: '/manage/datasets/community-care-facilities', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.datasets.$slug.edit': [{ url: '/manage/datasets/community-care-facilities/edit', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.datasets.$slug.upload': [{ url: '/manage/datasets/community-care-facilities/upload', get: 'nnnnnnnn', post: 'nnnnnnyy' }],
  'routes/manage.datasets.$slug.resources.$id._index': [{ url: '/manage/datasets/community-care-facilities/resources/9', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.datasets.$slug.access': [{ url: '/manage/datasets/community-care-facilities/access', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  // POST without an intent: 400 for the department.
  'routes/manage.datasets.$slug.grants': [{ url: '/manage/datasets/community-care-facilities/grants', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.applications._index': [{ url: '/manage/applications', get: 'nnnnnyyy' }],
  // The seeded application is for 市场监管局's data: neither official here, only admins.
  'routes/manage.applications.$id': [{ url: '/manage/applications/1', get: 'nnnnnnny', post: 'nnnnnnny' }],
  'routes/manage.sharing': [{ url: '/manage/sharing', get: 'nnnnnyyy' }],
  'routes/manage.datasets.$slug.resources.$id.privacy': [{ url: '/manage/datasets/community-care-facilities/resources/9/privacy', get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.challenges.new': [{ url: '/manage/challenges/new', get: 'nnnnnyyy', post: 'nnnnnyyy' }],
  'routes/manage.challenges.$slug._index': [{ url: `/manage/challenges/${C}`, get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.challenges.$slug.edit': [{ url: `/manage/challenges/${C}/edit`, get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.challenges.$slug.judging': [{ url: `/manage/challenges/${C}/judging`, get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.challenges.$slug.results': [{ url: `/manage/challenges/${C}/results`, get: 'nnnnnnyy', post: 'nnnnnnyy' }],
  'routes/manage.challenges.$slug.results.export.$format': [{ url: `/manage/challenges/${C}/results/export/csv`, get: 'nnnnnnyy' }],
  // The catalogue: an official's own department (so the other department's official too), admins the whole site.
  // POST without a file or an intent: 400 for those who may import.
  'routes/manage.catalogue': [
    { url: '/manage/catalogue', get: 'nnnnnyyy', post: 'nnnnnyyy' },
    // A ticket that is not this viewer's (here: no genuine one at all) shows no preview, only the form.
    { url: '/manage/catalogue?ticket=forged.ticket', get: 'nnnnnyyy' },
  ],
  'routes/manage.catalogue[.]xlsx': [{ url: '/manage/catalogue.xlsx', get: 'nnnnnyyy' }],
  'routes/admin.catalogue[.]xlsx': [{ url: '/admin/catalogue.xlsx', get: 'nnnnnnny' }],
};

let server: TestServer;
const clients = new Map<Viewer, HttpClient>();

beforeAll(async () => {
  server = await startServer();
  const signed = async (email: string, password = DEMO_PASSWORD) => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await http.signIn(email, password);
    return http;
  };
  // A judge of another challenge only, for the "judge elsewhere" column.
  const otherJudge = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await otherJudge.post('/register', { consent: 'on', name: '别处评委', email: 'elsewhere.judge@example.org', password: '只评别的挑战 2026' });
  const db = await openServerDatabase(server);
  try {
    await otherJudge.get(await verificationLink(db, 'elsewhere.judge@example.org'));
    const judges = await db.run(
      "insert into challenge_judges (challenge_id, user_id, email, invited_by, accepted_at) select c.id, u.id, u.email, null, ? from challenges c, users u where c.slug = 'shelter-coverage' and u.email = 'elsewhere.judge@example.org'",
      new Date(),
    );
    expect(judges).toBe(1);
  } finally {
    await db.close();
  }
  clients.set('anonymous', new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }));
  clients.set('participant', await signed('volunteer@jindianzi.example'));
  clients.set('otherTeam', await signed('researcher@jindianzi.example'));
  clients.set('otherJudge', otherJudge);
  clients.set('judge', await signed('judge@jindianzi.example'));
  clients.set('otherOfficial', await signed(TRANSPORT_OFFICIAL));
  clients.set('official', await signed(CIVIL_OFFICIAL));
  clients.set('admin', await signed(ADMIN));
});

afterAll(async () => {
  await server?.stop();
});

function allowed(status: number, location: string | null): boolean {
  if (status === 401 || status === 403 || status === 404 || status === 405 || status >= 500) return false;
  if (status >= 300 && status < 400 && location && /^\/(login|account\/two-factor)(\?|$)/.test(location)) return false;
  return true;
}

async function loadManifest(): Promise<Record<string, { module: { loader?: unknown; action?: unknown } }>> {
  const build = (await import(path.resolve(import.meta.dirname, '../../build/server/index.js'))) as { routes: Record<string, { module: { loader?: unknown; action?: unknown } }> };
  return build.routes;
}

describe('the authorization matrix', () => {
  it('has an entry, with every loader and action, for every route of the app', async () => {
    const routes = await loadManifest();
    const missing: string[] = [];
    for (const [id, route] of Object.entries(routes)) {
      const entries = MATRIX[id];
      if (!entries) {
        missing.push(`${id}: no entry`);
        continue;
      }
      if (route.module.loader && !entries.some((e) => e.get)) missing.push(`${id}: loader not covered`);
      if (route.module.action && !entries.some((e) => e.post || e.skipPost)) missing.push(`${id}: action not covered`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(MATRIX).filter((id) => !(id in routes))).toEqual([]);
  });

  it('allows and refuses each viewer as listed', async () => {
    const mismatches: string[] = [];
    for (const [id, entries] of Object.entries(MATRIX)) {
      for (const entry of entries) {
        for (const method of ['get', 'post'] as const) {
          const expected = entry[method];
          if (!expected) continue;
          for (const [i, viewer] of VIEWERS.entries()) {
            const http = clients.get(viewer) as HttpClient;
            const response = method === 'get' ? await http.get(entry.url) : await http.post(entry.url, {});
            if (response.status >= 500) mismatches.push(`${method.toUpperCase()} ${entry.url} as ${viewer}: ${response.status}`);
            const got = allowed(response.status, response.location) ? 'y' : 'n';
            if (got !== expected[i]) mismatches.push(`${id} ${method.toUpperCase()} ${entry.url} as ${viewer}: expected ${expected[i]}, got ${response.status}${response.location ? ` → ${response.location}` : ''}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Eight viewers on every route: over half a minute on a two-core machine, and growing with the app.
  }, 120_000);
});
