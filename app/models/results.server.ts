/**
 * Results: the organiser's ranking table, awards, the deliberate act of publishing, and what the
 * public and each team may read afterwards. Every reader takes the ranking from the stored
 * snapshot (result-snapshots.server.ts) a page at a time, and joins only that page's entries to
 * what changes without a recomputation (titles, team members, votes, awards, notes).
 * Judges' names never leave the organiser's view.
 */
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { engine, getDb, openReadConnection, type Db } from '../../db/client';
import { transaction } from './transaction.server';
import { awards, challengeJudges, challenges, resultEntries, reviews, submissionMembers, submissions, users, votes, type AwardKind } from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { challengePhase } from '~/lib/phase';
import { computeResults } from '~/lib/scoring';
import type { ExportableResultRow } from '~/lib/results-table';
import { challengeCriteria } from './judging.server';
import {
  countedReview,
  readEntriesById,
  readMostVoted,
  readRankingPage,
  readResultsInputs,
  readSnapshotEntries,
  readSnapshotEntry,
  readSnapshotHeader,
  readSnapshotState,
  readTopEntries,
  toEntryResult,
  type EnsureSnapshot,
  type PublishProblem,
  type RankingFilter,
  type SnapshotRow,
} from './result-snapshots.server';

export type { RankingFilter } from './result-snapshots.server';

type ChallengeRow = typeof challenges.$inferSelect;

/** Rows of the organiser's ranking per page. */
export const RANKING_PAGE_SIZE = 50;
/** Judges' private notes per page: each may be 5,000 characters. */
export const NOTES_PAGE_SIZE = 10;
/** The awards form offers the top of the ranking (and entries already awarded); others go by number. */
export const AWARD_PICKER_SIZE = 20;
/** Entries per page of the public results. */
export const PUBLIC_PAGE_SIZE = 24;
/** People's Choice entries listed on the public results. */
export const MOST_VOTED_SHOWN = 20;

/**
 * The ranking maths over a challenge's stored reviews, computed on the spot (the benchmark, and
 * the reference the stored snapshot is checked against).
 */
export async function computeChallengeResults(challengeId: number) {
  const inputs = await readResultsInputs(challengeId);
  const entries = await getDb()
    .select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName, summary: submissions.summary, kind: submissions.kind })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')))
    .orderBy(asc(submissions.id));
  return { criteria: inputs.criteria, entries, results: computeResults(inputs) };
}

async function managedChallenge(viewer: Viewer, slug: string): Promise<ChallengeRow | undefined> {
  const challenge = (await getDb().select().from(challenges).where(eq(challenges.slug, slug)).limit(1))[0];
  if (!challenge || !canManageDepartment(viewer, challenge.departmentId)) return undefined;
  return challenge;
}

export interface AwardInput {
  entryId: number;
  kind: AwardKind;
  customName: string | null;
}

async function awardsOf(challengeId: number) {
  return await getDb()
    .select({ id: awards.id, entryId: awards.submissionId, kind: awards.kind, customName: awards.customName, position: awards.position })
    .from(awards)
    .where(eq(awards.challengeId, challengeId))
    .orderBy(asc(awards.position), asc(awards.id));
}

// ---------------------------------------------------------------------------------------------
// What a page of entries is joined to: each an indexed lookup of just the given entries.

async function entryDetails(db: Db, entryIds: number[]) {
  if (entryIds.length === 0) return new Map<number, { title: string; teamName: string; summary: string; kind: 'idea' | 'prototype'; status: string }>();
  const rows = await db
    .select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName, summary: submissions.summary, kind: submissions.kind, status: submissions.status })
    .from(submissions)
    .where(inArray(submissions.id, entryIds));
  return new Map(rows.map((r) => [r.id, r]));
}

async function membersOf(db: Db, entryIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (entryIds.length === 0) return map;
  const rows = await db
    .select({ entryId: submissionMembers.submissionId, name: users.name })
    .from(submissionMembers)
    .innerJoin(users, eq(submissionMembers.userId, users.id))
    .where(and(inArray(submissionMembers.submissionId, entryIds), eq(submissionMembers.status, 'active')))
    .orderBy(asc(submissionMembers.id));
  for (const row of rows) map.set(row.entryId, [...(map.get(row.entryId) ?? []), row.name]);
  return map;
}

async function votesOf(db: Db, entryIds: number[]): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .select({ entryId: votes.submissionId, n: sql<number>`count(*)` })
    .from(votes)
    .where(inArray(votes.submissionId, entryIds))
    .groupBy(votes.submissionId);
  return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
}

async function organiserRows(db: Db, rows: SnapshotRow[], peoplesChoice: boolean) {
  const ids = rows.map((r) => r.entryId);
  const details = await entryDetails(db, ids);
  const members = await membersOf(db, ids);
  const voteCounts = peoplesChoice ? await votesOf(db, ids) : new Map<number, number>();
  return rows.map((r) => ({
    ...toEntryResult(r),
    title: details.get(r.entryId)?.title ?? '',
    teamName: details.get(r.entryId)?.teamName ?? '',
    members: members.get(r.entryId) ?? [],
    expectedReviews: r.expectedReviews,
    conflicts: r.conflicts,
    possibleConflicts: r.possibleConflicts,
    votes: voteCounts.get(r.entryId) ?? 0,
  }));
}

async function judgeNamesOf(challengeId: number): Promise<Map<number, string>> {
  const rows = await getDb()
    .select({ userId: challengeJudges.userId, name: users.name, email: challengeJudges.email })
    .from(challengeJudges)
    .leftJoin(users, eq(challengeJudges.userId, users.id))
    .where(eq(challengeJudges.challengeId, challengeId));
  return new Map(rows.filter((j) => j.userId !== null).map((j) => [j.userId as number, j.name ?? j.email]));
}

/**
 * A page of the judges' private notes, in ranking order (each entry's notes by judge). Rows are
 * found through the snapshot's ranking index and each entry's reviews by their unique index.
 */
async function notesPage(challengeId: number, page: number, judgeNames: Map<number, string>) {
  const rows = await getDb()
    .select({ entryId: reviews.submissionId, judgeId: reviews.judgeId, note: reviews.privateNote, updatedAt: reviews.updatedAt, entryTitle: submissions.title })
    .from(resultEntries)
    .innerJoin(reviews, eq(reviews.submissionId, resultEntries.entryId))
    .innerJoin(submissions, eq(submissions.id, resultEntries.entryId))
    .where(and(eq(resultEntries.challengeId, challengeId), sql`trim(${reviews.privateNote}) <> ''`))
    .orderBy(asc(resultEntries.position), asc(reviews.judgeId))
    .limit(NOTES_PAGE_SIZE + 1)
    .offset((page - 1) * NOTES_PAGE_SIZE);
  return {
    page,
    hasNext: rows.length > NOTES_PAGE_SIZE,
    items: rows.slice(0, NOTES_PAGE_SIZE).map((n) => ({ ...n, judgeName: judgeNames.get(n.judgeId) ?? '' })),
  };
}

function positiveInt(value: number): number {
  return Number.isInteger(value) && value > 0 ? value : 1;
}

export interface OrganiserResultsQuery {
  filter: RankingFilter;
  page: number;
  notesPage: number;
}

/**
 * The organiser's results page: one page of the ranking (filtered in SQL), review progress and
 * conflicts, judge agreement, awards and a page of private notes. Bounded whatever the size of the
 * challenge; the ranking is the stored snapshot, recomputed in a worker when it is stale.
 */
export async function getResultsForOrganiser(viewer: Viewer, slug: string, now: Date, query: OrganiserResultsQuery, ensureSnapshot: EnsureSnapshot) {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge || challenge.status !== 'published') return undefined;
  const phase = challengePhase(challenge, now);
  const { status } = await ensureSnapshot(challenge.id);
  const judgeNames = await judgeNamesOf(challenge.id);
  const awardList = await awardsOf(challenge.id);
  // The header and rows come from one read so a worker's write between them cannot mix snapshots.
  const view = await transaction(async (db) => {
    const snapshot = await readSnapshotHeader(challenge.id);
    if (!snapshot) return null;
    const total = query.filter === 'incomplete' ? snapshot.incompleteCount : query.filter === 'conflicts' ? snapshot.flaggedCount : snapshot.entryCount;
    const pages = Math.max(1, Math.ceil(total / RANKING_PAGE_SIZE));
    const page = Math.min(positiveInt(query.page), pages);
    const rows = await organiserRows(db, await readRankingPage(challenge.id, query.filter, (page - 1) * RANKING_PAGE_SIZE, RANKING_PAGE_SIZE), challenge.peoplesChoice);
    // The awards form: the top of the ranking, plus whatever is already awarded.
    const top = await readTopEntries(challenge.id, AWARD_PICKER_SIZE);
    const topIds = new Set(top.map((r) => r.entryId));
    const awarded = await readSnapshotEntries(challenge.id, [...new Set(awardList.map((a) => a.entryId))].filter((id) => !topIds.has(id)));
    const pickable = [...top, ...awarded.sort((a, b) => a.position - b.position)];
    const titles = await entryDetails(db, pickable.map((r) => r.entryId));
    return {
      snapshot,
      paging: { page, pages, total, pageSize: RANKING_PAGE_SIZE },
      rows,
      awardOptions: pickable.map((r) => ({ entryId: r.entryId, rank: r.rank, title: titles.get(r.entryId)?.title ?? '' })),
      notes: await notesPage(challenge.id, positiveInt(query.notesPage), judgeNames),
    };
  }, { behavior: 'deferred' });
  return {
    status,
    computedAt: view?.snapshot.computedAt ?? null,
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      phase,
      closesAt: challenge.closesAt,
      judgingEndsAt: challenge.judgingEndsAt,
      resultsPublishedAt: challenge.resultsPublishedAt,
      peoplesChoice: challenge.peoplesChoice,
    },
    criteria: await challengeCriteria(challenge.id),
    filter: query.filter,
    paging: view?.paging ?? { page: 1, pages: 1, total: 0, pageSize: RANKING_PAGE_SIZE },
    entryCount: view?.snapshot.entryCount ?? 0,
    rows: view?.rows ?? [],
    judges: (view?.snapshot.judges ?? []).map((j) => ({ ...j, name: judgeNames.get(j.judgeId) ?? '' })),
    agreement: view?.snapshot.agreement ?? { kendallW: null, method: null, judges: 0 },
    awards: awardList,
    awardOptions: view?.awardOptions ?? [],
    missingReviews: phase === 'judging' ? (view?.snapshot.missingReviews ?? 0) : 0,
    notes: view?.notes ?? { page: 1, hasNext: false, items: [] },
  };
}

export type OrganiserResults = NonNullable<Awaited<ReturnType<typeof getResultsForOrganiser>>>;

const EXPORT_BATCH = 500;

/** The snapshot's figures of an entry that an export shows. */
type ExportedEntry = Pick<SnapshotRow, 'entryId' | 'rank' | 'rankLow' | 'rankHigh' | 'normalised' | 'rawMean' | 'reviewCount' | 'criterionMeans' | 'expectedReviews'>;

/** One exported row: the snapshot's figures with the entry's title, team, members and votes. */
function exportRow(r: ExportedEntry, info: { title: string; teamName: string } | undefined, members: string[] | undefined, votes: number | undefined): ExportableResultRow {
  return {
    rank: r.rank,
    rankInterval: r.rankLow === null || r.rankHigh === null ? null : { low: r.rankLow, high: r.rankHigh },
    entryId: r.entryId,
    title: info?.title ?? '',
    teamName: info?.teamName ?? '',
    members: members ?? [],
    reviewCount: r.reviewCount,
    expectedReviews: r.expectedReviews,
    criterionMeans: r.criterionMeans,
    rawMean: r.rawMean,
    normalised: r.normalised,
    votes: votes ?? 0,
  };
}

/**
 * Every row of the snapshot for an export, read in batches on a read-only connection of its own
 * inside one read transaction, so the file is one consistent snapshot however long the download
 * takes, and memory stays at one batch. Call `return()` if the reader stops early. Plain prepared
 * statements, each prepared once per export: for 20,000 rows, building the queries anew for every
 * batch would cost more than running them.
 */
function* exportRows(challengeId: number, peoplesChoice: boolean): Generator<ExportableResultRow, void, undefined> {
  const reader = openReadConnection();
  try {
    const ids = Array(EXPORT_BATCH).fill('?').join(', ');
    const page = reader.prepare(
      `SELECT entry_id AS "entryId", position, rank, rank_low AS "rankLow", rank_high AS "rankHigh", normalised, raw_mean AS "rawMean", review_count AS "reviewCount",
              criterion_means AS "criterionMeans", expected_reviews AS "expectedReviews"
       FROM result_entries WHERE challenge_id = ? AND position > ? ORDER BY position LIMIT ?`,
    );
    const details = reader.prepare(`SELECT id, title, team_name AS "teamName" FROM submissions WHERE id IN (${ids})`);
    const members = reader.prepare(
      `SELECT m.submission_id AS "entryId", u.name FROM submission_members m JOIN users u ON u.id = m.user_id WHERE m.submission_id IN (${ids}) AND m.status = 'active' ORDER BY m.id`,
    );
    const voteCounts = reader.prepare(`SELECT submission_id AS "entryId", count(*) AS n FROM votes WHERE submission_id IN (${ids}) GROUP BY submission_id`);
    reader.exec('BEGIN');
    let after = -1;
    for (;;) {
      const batch = page.all(challengeId, after, EXPORT_BATCH) as (Omit<ExportedEntry, 'criterionMeans'> & { position: number; criterionMeans: string })[];
      if (batch.length === 0) break;
      // The IN lists have a fixed length; 0 is no entry's id.
      const keys = [...batch.map((r) => r.entryId), ...Array<number>(EXPORT_BATCH - batch.length).fill(0)];
      const info = new Map((details.all(...keys) as { id: number; title: string; teamName: string }[]).map((r) => [r.id, r]));
      const names = new Map<number, string[]>();
      for (const m of members.all(...keys) as { entryId: number; name: string }[]) names.set(m.entryId, [...(names.get(m.entryId) ?? []), m.name]);
      const counts = peoplesChoice ? new Map((voteCounts.all(...keys) as { entryId: number; n: number }[]).map((r) => [r.entryId, r.n])) : new Map<number, number>();
      for (const r of batch) {
        yield exportRow({ ...r, criterionMeans: JSON.parse(r.criterionMeans) as ExportedEntry['criterionMeans'] }, info.get(r.entryId), names.get(r.entryId), counts.get(r.entryId));
      }
      after = batch[batch.length - 1]!.position;
    }
  } finally {
    reader.close();
  }
}

/**
 * PostgreSQL: the same rows a batch at a time, each batch after the last position of the one
 * before, without a transaction held open while the client reads (a pooler may sit in between).
 * A recomputation that lands mid-download replaces the rows in one transaction, so a file may
 * then mix two snapshots; X-Results-Computed-At names the one it started from.
 */
async function* exportRowsPaged(challengeId: number, peoplesChoice: boolean): AsyncGenerator<ExportableResultRow, void, undefined> {
  const db = getDb();
  let after = -1;
  for (;;) {
    const batch = await db
      .select()
      .from(resultEntries)
      .where(and(eq(resultEntries.challengeId, challengeId), gt(resultEntries.position, after)))
      .orderBy(asc(resultEntries.position))
      .limit(EXPORT_BATCH);
    if (batch.length === 0) return;
    const ids = batch.map((r) => r.entryId);
    const info = new Map((await db.select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName }).from(submissions).where(inArray(submissions.id, ids))).map((r) => [r.id, r]));
    const names = new Map<number, string[]>();
    for (const m of await db
      .select({ entryId: submissionMembers.submissionId, name: users.name })
      .from(submissionMembers)
      .innerJoin(users, eq(users.id, submissionMembers.userId))
      .where(and(inArray(submissionMembers.submissionId, ids), eq(submissionMembers.status, 'active')))
      .orderBy(asc(submissionMembers.id))) {
      names.set(m.entryId, [...(names.get(m.entryId) ?? []), m.name]);
    }
    const counts = peoplesChoice
      ? new Map((await db.select({ entryId: votes.submissionId, n: count() }).from(votes).where(inArray(votes.submissionId, ids)).groupBy(votes.submissionId)).map((r) => [r.entryId, r.n]))
      : new Map<number, number>();
    for (const r of batch) yield exportRow(r, info.get(r.entryId), names.get(r.entryId), counts.get(r.entryId));
    after = batch[batch.length - 1]!.position;
  }
}

/**
 * The whole ranking for an export, streamed from the snapshot. 'missing' while the first snapshot
 * of the challenge is still being computed.
 */
export async function exportResultsForOrganiser(viewer: Viewer, slug: string, ensureSnapshot: EnsureSnapshot) {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge || challenge.status !== 'published') return undefined;
  const { status, snapshot } = await ensureSnapshot(challenge.id);
  if (!snapshot) return { status: 'missing' as const };
  return {
    status,
    computedAt: snapshot.computedAt,
    challenge: { slug: challenge.slug, peoplesChoice: challenge.peoplesChoice },
    criteria: await challengeCriteria(challenge.id),
    awards: await awardsOf(challenge.id),
    rows: engine() === 'postgres' ? exportRowsPaged(challenge.id, challenge.peoplesChoice) : exportRows(challenge.id, challenge.peoplesChoice),
  };
}

export type AwardsProblem = 'locked' | 'unknownEntry';

/** Replaces the challenge's awards (in the given order). Only while judging; results are final. */
export async function saveAwards(viewer: Viewer, slug: string, list: AwardInput[], now: Date): Promise<{ ok: true; challengeId: number } | { ok: false; problem: AwardsProblem } | undefined> {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) !== 'judging') return { ok: false, problem: 'locked' };
  const db = getDb();
  // Entry ids come from the form: each must be a submitted entry of this challenge (by primary key).
  const wanted = [...new Set(list.map((a) => a.entryId))];
  const valid = new Set(
    wanted.length === 0
      ? []
      : (await db
          .select({ id: submissions.id })
          .from(submissions)
          .where(and(inArray(submissions.id, wanted), eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted'))))
          .map((r) => r.id),
  );
  if (list.some((a) => !valid.has(a.entryId))) return { ok: false, problem: 'unknownEntry' };
  await transaction(async (tx) => {
    await tx.delete(awards).where(eq(awards.challengeId, challenge.id));
    for (const [position, award] of list.entries()) {
      await tx.insert(awards)
        .values({ challengeId: challenge.id, submissionId: award.entryId, kind: award.kind, customName: award.kind === 'custom' ? award.customName : null, position, createdAt: now });
    }
  });
  return { ok: true, challengeId: challenge.id };
}

export type PublishResultsProblem = PublishProblem;

/**
 * Whether the organiser may publish the results now. With reviews still missing they must confirm
 * the exact number shown to them; a confirmation the current snapshot already contradicts needs no
 * recomputation to refuse. The publishing itself (app/actions/results.server.ts) computes the final
 * snapshot in a worker, which checks again and publishes in the transaction that stores it.
 */
export async function checkPublishResults(
  viewer: Viewer,
  slug: string,
  confirmedMissing: number | null,
  now: Date,
): Promise<{ ok: true; challengeId: number } | { ok: false; problem: PublishResultsProblem; missing?: number } | undefined> {
  const challenge = await managedChallenge(viewer, slug);
  if (!challenge) return undefined;
  if (challengePhase(challenge, now) !== 'judging') return { ok: false, problem: 'notJudging' };
  const state = await readSnapshotState(challenge.id, now);
  const known = state?.current ? state.snapshot?.missingReviews : undefined;
  if (known !== undefined && known > 0 && confirmedMissing !== known) return { ok: false, problem: 'confirmMissing', missing: known };
  return { ok: true, challengeId: challenge.id };
}

/**
 * What everyone may read once results are published: the awards with the winning entries, a page
 * of every entry, and the People's Choice counts. Before publication this returns undefined, so
 * nothing can leak.
 */
export async function getPublicResults(slug: string, now: Date, requestedPage: number, ensureSnapshot: EnsureSnapshot) {
  const challenge = (await getDb().select().from(challenges).where(eq(challenges.slug, slug)).limit(1))[0];
  if (!challenge || challenge.status !== 'published' || challengePhase(challenge, now) !== 'results') return undefined;
  const ensured = await ensureSnapshot(challenge.id);
  // Only the published record is shown; a challenge published before records existed gets one on first view.
  const snapshot = ensured.snapshot?.final ? ensured.snapshot : undefined;
  const status = snapshot ? ensured.status : 'missing';
  const db = getDb();
  const awardRows = await awardsOf(challenge.id);
  const awardIds = [...new Set(awardRows.map((a) => a.entryId))];
  const awardDetails = await entryDetails(db, awardIds);
  const awardMembers = await membersOf(db, awardIds);
  const awardList = awardRows
    .filter((a) => awardDetails.get(a.entryId)?.status === 'submitted')
    .map((a) => {
      const entry = awardDetails.get(a.entryId);
      return { kind: a.kind, customName: a.customName, entry: { id: a.entryId, title: entry?.title ?? '', summary: entry?.summary ?? '', teamName: entry?.teamName ?? '', kind: entry?.kind ?? 'idea', members: awardMembers.get(a.entryId) ?? [] } };
    });
  const total = snapshot?.entryCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const page = Math.min(positiveInt(requestedPage), pages);
  const listed = snapshot ? await readEntriesById(challenge.id, (page - 1) * PUBLIC_PAGE_SIZE, PUBLIC_PAGE_SIZE) : [];
  const mostVoted = snapshot && challenge.peoplesChoice ? await readMostVoted(challenge.id, MOST_VOTED_SHOWN) : [];
  const details = await entryDetails(db, [...new Set([...listed.map((r) => r.entryId), ...mostVoted.map((r) => r.entryId)])]);
  const entry = (id: number, voteCount: number | null) => {
    const e = details.get(id);
    return { id, title: e?.title ?? '', teamName: e?.teamName ?? '', summary: e?.summary ?? '', kind: e?.kind ?? 'idea', votes: voteCount };
  };
  return {
    status,
    challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, summary: challenge.summary, resultsPublishedAt: challenge.resultsPublishedAt, peoplesChoice: challenge.peoplesChoice },
    awards: awardList,
    entryCount: total,
    paging: { page, pages },
    entries: listed.map((r) => entry(r.entryId, challenge.peoplesChoice ? (r.votes ?? 0) : null)),
    mostVoted: mostVoted.map((r) => entry(r.entryId, r.votes)),
  };
}

/**
 * What a team reads about its own entry after publication: the mean of each criterion, the
 * weighted total and each judge's feedback, without saying which judge wrote what. The numbers
 * come from the published snapshot; `pending` while it is still being computed.
 */
export async function getTeamFeedback(entryId: number, viewer: Viewer | null, now: Date, ensureSnapshot: EnsureSnapshot) {
  if (!viewer) return undefined;
  const db = getDb();
  const row = (await db.select({ challenge: challenges, status: submissions.status }).from(submissions).innerJoin(challenges, eq(submissions.challengeId, challenges.id)).where(eq(submissions.id, entryId)).limit(1))[0];
  if (!row || row.status !== 'submitted' || challengePhase(row.challenge, now) !== 'results') return undefined;
  const member = (await db
    .select({ id: submissionMembers.id })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.submissionId, entryId), eq(submissionMembers.userId, viewer.id), eq(submissionMembers.status, 'active'))).limit(1))[0];
  if (!member) return undefined;
  const ensured = await ensureSnapshot(row.challenge.id);
  const snapshot = ensured.snapshot?.final ? ensured.snapshot : undefined;
  const mine = snapshot ? await readSnapshotEntry(row.challenge.id, entryId) : undefined;
  const feedback = (await db
    .select({ feedback: reviews.feedback })
    .from(reviews)
    .where(and(eq(reviews.submissionId, entryId), countedReview()))
    // Random-looking but stable order, so the list does not mirror the judges' sign-up order.
    .orderBy(sql`(${reviews.id} * 2654435761) % 4294967296`))
    .map((r) => r.feedback)
    .filter((f) => f.trim().length > 0);
  const awardRows = (await awardsOf(row.challenge.id)).filter((a) => a.entryId === entryId);
  return {
    pending: !snapshot,
    criteria: (await challengeCriteria(row.challenge.id)).map((c) => ({ id: c.id, name: c.name, maxScore: c.maxScore, weight: c.weight, mean: mine?.criterionMeans[c.id] ?? null })),
    rawMean: mine?.rawMean ?? null,
    rank: mine?.rank ?? null,
    entryCount: snapshot?.entryCount ?? 0,
    reviewCount: mine?.reviewCount ?? 0,
    feedback,
    awards: awardRows.map((a) => ({ kind: a.kind, customName: a.customName })),
  };
}
