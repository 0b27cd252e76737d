/**
 * Site search over the trigram index (SQLite migrations 0004, 0006, 0009; PostgreSQL 0003): challenges, datasets, data requests,
 * entries and comments, grouped by kind. The index holds everything; what a visitor may see is decided here
 * from the source tables (published challenges and datasets, every data request, entries only
 * once their challenge makes them public), so hiding or unpublishing takes effect at once.
 */
import { commentPermalink } from '~/lib/comment-rules';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { selectRows } from './rows.server';
import { challenges, comments, dataRequests, datasets, submissions } from '../../db/tables';
import { resolveCommentTarget } from './comments.server';
import { entriesArePublic } from '~/lib/entry-access';
import { challengePhase } from '~/lib/phase';
import { characterTokens, likeSnippet, MARK_END, MARK_START, planSearch, SEARCH_KINDS, type SearchHit, type SearchKind } from '~/lib/search-query';


/** Candidates looked at per search, before visibility; plenty for a county's catalogue. */
const CANDIDATES = 300;

interface Candidate {
  kind: SearchKind;
  refId: number;
  title: string;
  snippet: string;
}

async function candidates(raw: string): Promise<Candidate[]> {
  const plan = planSearch(raw);
  if (plan.kind === 'empty') return [];
  if (engine() === 'postgres') return await postgresCandidates(plan.terms);
  const client = getDb().$client;
  if (plan.kind === 'match') {
    // The best matches first, then highlights for those alone: highlighting every match of a
    // common word would cost more than the search.
    const best = client
      .prepare(`SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index, 0, 0, 5, 1) LIMIT ${CANDIDATES}`)
      .pluck()
      .all(plan.expression) as number[];
    if (best.length === 0) return [];
    const rows = client
      .prepare(
        // Whole titles highlighted; bodies cut around the match (trigram tokens are characters).
        `SELECT rowid AS doc, kind, ref_id AS "refId", highlight(search_index, 2, ?, ?) AS title, snippet(search_index, 3, ?, ?, '…', 48) AS snippet
         FROM search_index WHERE search_index MATCH ? AND rowid IN (${best.map(() => '?').join(', ')})`,
      )
      .all(MARK_START, MARK_END, MARK_START, MARK_END, plan.expression, ...best) as (Candidate & { doc: number })[];
    const byDoc = new Map(rows.map((r) => [r.doc, r]));
    return best.flatMap((doc) => {
      const row = byDoc.get(doc);
      return row ? [{ kind: row.kind, refId: row.refId, title: row.title, snippet: row.snippet }] : [];
    });
  }
  // One or two characters: the character index finds candidates, LIKE confirms each term as a
  // substring. Documents still waiting for the character index are tested by LIKE alone.
  const confirm = plan.patterns.map(() => `(i.title LIKE ? ESCAPE '\\' OR i.body LIKE ? ESCAPE '\\')`).join(' AND ');
  const likeParams = plan.patterns.flatMap((p) => [p, p]);
  const found = plan.expression
    ? (client
        .prepare(`SELECT i.kind, i.ref_id AS "refId", i.title, i.body FROM search_short s CROSS JOIN search_index i ON i.rowid = s.rowid WHERE search_short MATCH ? AND ${confirm} LIMIT ${CANDIDATES}`)
        .all(plan.expression, ...likeParams) as { kind: SearchKind; refId: number; title: string; body: string }[])
    : [];
  // CROSS JOIN keeps the queue on the outside: otherwise SQLite reads the whole index.
  const pending = client
    .prepare(`SELECT i.kind, i.ref_id AS "refId", i.title, i.body FROM search_short_queue q CROSS JOIN search_index i ON i.rowid = q.doc WHERE ${confirm} LIMIT ${CANDIDATES}`)
    .all(...likeParams) as { kind: SearchKind; refId: number; title: string; body: string }[];
  const seen = new Set<string>();
  return withSnippets(
    [...pending, ...found].filter((r) => {
      const key = `${r.kind}:${r.refId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    plan.terms,
  );
}

/** Documents found by substring, with the first term marked in title and body, titles that hold it first. */
function withSnippets(rows: readonly { kind: SearchKind; refId: number; title: string; body: string }[], terms: readonly string[]): Candidate[] {
  const first = terms[0] ?? '';
  return rows
    .slice(0, CANDIDATES)
    .map((r) => ({ kind: r.kind, refId: r.refId, title: likeSnippet(r.title, first, 60) ?? r.title, snippet: likeSnippet(r.body, first) ?? '', titleHit: r.title.toLowerCase().includes(first.toLowerCase()) }))
    // Titles first, as the ranking would put them (a stable sort keeps the ranking within each group).
    .sort((a, b) => Number(b.titleHit) - Number(a.titleHit))
    .map(({ titleHit: _titleHit, ...rest }) => rest);
}

/**
 * PostgreSQL (migration 0003): every term must be in the document, as on SQLite. The index holds
 * each character and each pair of characters; jdz_search_query turns the terms into the AND of their
 * pairs with the index's own lower-casing and character classes, and each candidate is confirmed as
 * a substring. Ranked by the title's terms above the body's. A term of punctuation alone finds
 * nothing (the query is NULL), as on SQLite, rather than reading the whole index.
 */
async function postgresCandidates(terms: readonly string[]): Promise<Candidate[]> {
  if (terms.length === 0) return [];
  const patterns = terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const confirm = sql.join(
    patterns.map((p) => sql`(i.title ILIKE ${p} OR i.body ILIKE ${p})`),
    sql` AND `,
  );
  const termArray = sql`ARRAY[${sql.join(
    terms.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const rows = await selectRows<{ kind: SearchKind; refId: number; title: string; body: string }>(
    // The query in WHERE itself (not a function in FROM): an immutable function of known values is
    // computed once while planning, so the GIN index can serve `terms @@`.
    sql`SELECT i.kind, i.ref_id AS "refId", i.title, i.body FROM search_index i
        WHERE i.terms @@ jdz_search_query(${termArray}) AND ${confirm}
        ORDER BY ts_rank(i.terms, jdz_search_query(${termArray})) DESC, i.doc LIMIT ${CANDIDATES}`,
  );
  return withSnippets(rows, terms);
}

/**
 * Brings the character index up to date for up to `limit` queued documents, in one write
 * transaction: a change made meanwhile queues its document again and is not lost. Returns how
 * many were done (0: nothing waits).
 */
export async function drainSearchShortQueue(limit = 500): Promise<number> {
  // PostgreSQL's index holds short terms itself: nothing is queued there.
  if (engine() === 'postgres') return 0;
  const client = getDb().$client;
  const docs = client.prepare('SELECT doc FROM search_short_queue LIMIT ?').pluck();
  const read = client.prepare('SELECT title, body FROM search_index WHERE rowid = ?');
  const remove = client.prepare('DELETE FROM search_short WHERE rowid = ?');
  const insert = client.prepare('INSERT INTO search_short (rowid, text) VALUES (?, ?)');
  const done = client.prepare('DELETE FROM search_short_queue WHERE doc = ?');
  return client.transaction(() => {
    const batch = docs.all(limit) as number[];
    for (const doc of batch) {
      remove.run(doc);
      const row = read.get(doc) as { title: string; body: string } | undefined;
      if (row) insert.run(doc, characterTokens(`${row.title}\n${row.body}`));
      done.run(doc);
    }
    return batch.length;
  }).immediate();
}

export async function searchShortQueueWaiting(): Promise<boolean> {
  if (engine() === 'postgres') return false;
  return Boolean(getDb().$client.prepare('SELECT EXISTS (SELECT 1 FROM search_short_queue) AS waiting').pluck().get());
}

function idsOf(list: Candidate[], kind: SearchKind): number[] {
  return list.filter((c) => c.kind === kind).map((c) => Number(c.refId));
}

export async function searchSite(raw: string, now: Date, kinds: readonly SearchKind[] = SEARCH_KINDS): Promise<SearchHit[]> {
  const found = (await candidates(raw)).filter((c) => kinds.includes(c.kind));
  if (found.length === 0) return [];
  const db = getDb();
  const visible = new Map<string, { href: string; context: string | null }>();

  const challengeIds = idsOf(found, 'challenge');
  if (challengeIds.length) {
    for (const c of await db.select({ id: challenges.id, slug: challenges.slug }).from(challenges).where(and(inArray(challenges.id, challengeIds), eq(challenges.status, 'published')))) {
      visible.set(`challenge:${c.id}`, { href: `/challenges/${c.slug}`, context: null });
    }
  }
  const datasetIds = idsOf(found, 'dataset');
  if (datasetIds.length) {
    for (const d of await db.select({ id: datasets.id, slug: datasets.slug }).from(datasets).where(and(inArray(datasets.id, datasetIds), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')))) {
      visible.set(`dataset:${d.id}`, { href: `/datasets/${d.slug}`, context: null });
    }
  }
  const requestIds = idsOf(found, 'request');
  if (requestIds.length) {
    for (const r of await db.select({ id: dataRequests.id }).from(dataRequests).where(inArray(dataRequests.id, requestIds))) {
      visible.set(`request:${r.id}`, { href: `/requests/${r.id}`, context: null });
    }
  }
  const entryIds = idsOf(found, 'entry');
  if (entryIds.length) {
    const rows = await db
      .select({ id: submissions.id, status: submissions.status, challenge: challenges })
      .from(submissions)
      .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
      .where(and(inArray(submissions.id, entryIds), eq(submissions.status, 'submitted'), eq(challenges.status, 'published')));
    for (const row of rows) {
      if (!entriesArePublic(row.challenge, challengePhase(row.challenge, now))) continue;
      visible.set(`entry:${row.id}`, { href: `/entries/${row.id}`, context: row.challenge.title });
    }
  }

  const commentIds = idsOf(found, 'comment');
  const targets = new Map<string, Awaited<ReturnType<typeof resolveCommentTarget>>>();

  if (commentIds.length) {
    for (const c of await db
      .select({ id: comments.id, targetType: comments.targetType, targetId: comments.targetId })
      .from(comments)
      .where(and(inArray(comments.id, commentIds), isNull(comments.hiddenAt), isNull(comments.deletedAt)))) {
      // Comments are as public as the page they are on, decided for a signed-out visitor (once
      // per page: many matching comments are usually on a few pages).
      const targetKey = `${c.targetType}:${c.targetId}`;
      if (!targets.has(targetKey)) targets.set(targetKey, await resolveCommentTarget(c.targetType, c.targetId, null, now));
      const target = targets.get(targetKey);
      if (target) visible.set(`comment:${c.id}`, { href: commentPermalink(target.href, c.id), context: target.title });
    }
  }

  const strip = (s: string) => s.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
  return found.flatMap((c): SearchHit[] => {
    const seen = visible.get(`${c.kind}:${c.refId}`);
    if (!seen) return [];
    // A comment has no title of its own: it is listed under the title of the page it is on.
    if (c.kind === 'comment') return [{ kind: c.kind, id: Number(c.refId), title: seen.context ?? '', snippet: c.snippet, href: seen.href, context: null }];
    return [{ kind: c.kind, id: Number(c.refId), title: c.title, snippet: c.snippet && c.snippet !== strip(c.title) ? c.snippet : '', href: seen.href, context: seen.context }];
  });
}
