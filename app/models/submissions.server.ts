/**
 * Entries (submissions), their teams, revisions and attachments. Every function takes the acting
 * viewer and the server's `now`, works out the viewer's relation to the entry itself, and asks
 * `entryAccess` what is allowed: ids in URLs and forms are never trusted on their own.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, affectedRows, isUniqueViolation } from './rows.server';
import { transaction } from './transaction.server';
import {
  attachments,
  challengeJudges,
  challenges,
  datasets,
  submissionDatasets,
  submissionMembers,
  submissionRevisions,
  submissions,
  users,
  type SubmissionLinks,
} from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { entriesArePublic, entryAccess, type EntryAccess } from '~/lib/entry-access';
import { challengePhase, type Phase } from '~/lib/phase';
import { submitProblems, type EntryDraft, type SubmitProblem } from '~/lib/validation/entry';
import { isJudgeOfChallenge } from './challenges.server';
import { judgeReviewsEntry } from './judging.server';
import { normaliseEmail } from './users.server';

type SubmissionRow = typeof submissions.$inferSelect;
type ChallengeRow = typeof challenges.$inferSelect;

interface EntryContext {
  entry: SubmissionRow;
  challenge: ChallengeRow;
  phase: Phase;
  membership: 'owner' | 'member' | null;
  isOrganiser: boolean;
  isJudge: boolean;
  access: EntryAccess;
}

async function membershipOf(entryId: number, userId: number): Promise<'owner' | 'member' | null> {
  const row = (await getDb()
    .select({ role: submissionMembers.role })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.submissionId, entryId), eq(submissionMembers.userId, userId), eq(submissionMembers.status, 'active'))).limit(1))[0];
  return row?.role ?? null;
}

async function loadContext(entryId: number, viewer: Viewer | null, now: Date): Promise<EntryContext | undefined> {
  const row = (await getDb()
    .select({ entry: submissions, challenge: challenges })
    .from(submissions)
    .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
    .where(eq(submissions.id, entryId)).limit(1))[0];
  if (!row) return undefined;
  const phase = challengePhase(row.challenge, now);
  const membership = viewer ? await membershipOf(entryId, viewer.id) : null;
  const isOrganiser = canManageDepartment(viewer, row.challenge.departmentId);
  const isJudge = viewer ? await isJudgeOfChallenge(row.challenge.id, viewer.id) : false;
  const access = entryAccess({
    status: row.entry.status,
    phase,
    entriesPublic: row.challenge.entriesPublic,
    peoplesChoice: row.challenge.peoplesChoice,
    blindJudging: row.challenge.blindJudging,
    membership,
    isOrganiser,
    reviewsEntry: isJudge && viewer !== null && await judgeReviewsEntry(row.challenge, entryId, viewer.id),
  });
  return { entry: row.entry, challenge: row.challenge, phase, membership, isOrganiser, isJudge, access };
}

/** Accounts on an entry's team, for notifying them. */
export async function activeMemberIds(entryIds: readonly number[]): Promise<number[]> {
  if (entryIds.length === 0) return [];
  return (await getDb()
    .select({ userId: submissionMembers.userId })
    .from(submissionMembers)
    .where(and(inArray(submissionMembers.submissionId, [...entryIds]), eq(submissionMembers.status, 'active'))))
    .flatMap((m) => (m.userId === null ? [] : [m.userId]));
}

/** Submitted entries of a challenge with their teams' accounts. */
export async function submittedEntryTeams(challengeId: number): Promise<{ entryId: number; title: string; userIds: number[] }[]> {
  const entries = await getDb()
    .select({ id: submissions.id, title: submissions.title })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, 'submitted')));
  return Promise.all(entries.map(async (e) => ({ entryId: e.id, title: e.title, userIds: await activeMemberIds([e.id]) })));

}

export interface EntryMember {
  id: number;
  name: string | null;
  email: string;
  role: 'owner' | 'member';
  status: 'invited' | 'active' | 'declined';
  isViewer: boolean;
}

/** An entry as this viewer may see it, or undefined when it does not exist for them. */
export async function getEntryForViewer(entryId: number, viewer: Viewer | null, now: Date) {
  const context = await loadContext(entryId, viewer, now);
  if (!context?.access.view) return undefined;
  const { entry, challenge, access } = context;
  const db = getDb();
  const members: EntryMember[] = access.seeTeam
    ? (await db
        .select({ id: submissionMembers.id, name: users.name, email: submissionMembers.email, role: submissionMembers.role, status: submissionMembers.status, userId: submissionMembers.userId })
        .from(submissionMembers)
        .leftJoin(users, eq(submissionMembers.userId, users.id))
        .where(and(eq(submissionMembers.submissionId, entryId), ne(submissionMembers.status, 'declined')))
        .orderBy(asc(submissionMembers.id)))
        // Outside the team, e-mail addresses and pending invitations stay private.
        .filter((m) => context.membership !== null || m.status === 'active')
        .map((m) => ({ id: m.id, name: m.name, email: context.membership !== null ? m.email : '', role: m.role, status: m.status, isViewer: m.userId === viewer?.id }))
    : [];
  const files = await db
    .select({ id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, byteSize: attachments.byteSize, createdAt: attachments.createdAt })
    .from(attachments)
    .where(eq(attachments.submissionId, entryId))
    .orderBy(asc(attachments.id));
  const used = await db
    .select({ slug: datasets.slug, title: datasets.title })
    .from(submissionDatasets)
    .innerJoin(datasets, eq(submissionDatasets.datasetId, datasets.id))
    .where(and(eq(submissionDatasets.submissionId, entryId), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')))
    .orderBy(asc(datasets.title));
  const revisions = (await db.select({ n: sql<number>`count(*)` }).from(submissionRevisions).where(eq(submissionRevisions.submissionId, entryId)).limit(1))[0]?.n ?? 0;
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    teamName: access.seeTeam ? entry.teamName : '',
    summary: entry.summary,
    body: entry.body,
    links: entry.links,
    status: entry.status,
    submittedAt: entry.submittedAt,
    updatedAt: entry.updatedAt,
    version: entry.version,
    revisionCount: Number(revisions),
    members,
    attachments: files,
    datasets: used,
    access,
    membership: context.membership,
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      phase: context.phase,
      closesAt: challenge.closesAt,
      allowIdeas: challenge.allowIdeas,
      allowPrototypes: challenge.allowPrototypes,
      teamSizeLimit: challenge.teamSizeLimit,
    },
  };
}

export type StartProblem = 'notOpen' | 'isJudge' | 'notFound';

/**
 * Starts an entry for the viewer, or returns the one they already have in this challenge (a
 * person is in at most one team per challenge).
 */
export async function startEntry(viewer: Viewer & { email: string }, challengeSlug: string, now: Date): Promise<{ ok: true; entryId: number; existing: boolean } | { ok: false; problem: StartProblem }> {
  const db = getDb();
  const challenge = (await db.select().from(challenges).where(eq(challenges.slug, challengeSlug)).limit(1))[0];
  if (!challenge || challenge.status !== 'published') return { ok: false, problem: 'notFound' };
  const existing = (await db
    .select({ id: submissionMembers.submissionId })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.challengeId, challenge.id), eq(submissionMembers.userId, viewer.id), eq(submissionMembers.status, 'active'))).limit(1))[0];
  if (existing) return { ok: true, entryId: existing.id, existing: true };
  if (challengePhase(challenge, now) !== 'open') return { ok: false, problem: 'notOpen' };
  if (await isJudgeOfChallenge(challenge.id, viewer.id)) return { ok: false, problem: 'isJudge' };
  const kind = challenge.allowIdeas ? 'idea' : 'prototype';
  const entryId = await transaction(async (tx) => {
    const row = inserted(await tx
      .insert(submissions)
      .values({ challengeId: challenge.id, kind, title: '', createdBy: viewer.id, createdAt: now, updatedAt: now })
      .returning({ id: submissions.id }));
    await tx.insert(submissionMembers)
      .values({ submissionId: row.id, challengeId: challenge.id, userId: viewer.id, email: normaliseEmail(viewer.email), role: 'owner', status: 'active', joinedAt: now, createdAt: now });
    return row.id;
  });
  return { ok: true, entryId, existing: false };
}

export interface EntryFields {
  kind: 'idea' | 'prototype';
  title: string;
  teamName: string;
  summary: string;
  body: string;
  repository: string;
  demo: string;
  video: string;
  datasets: string[];
}

function fieldsOf(entry: SubmissionRow, datasetSlugs: string[]): EntryFields {
  return {
    kind: entry.kind,
    title: entry.title,
    teamName: entry.teamName,
    summary: entry.summary,
    body: entry.body,
    repository: entry.links.repository ?? '',
    demo: entry.links.demo ?? '',
    video: entry.links.video ?? '',
    datasets: datasetSlugs,
  };
}

async function datasetSlugsOf(entryId: number): Promise<string[]> {
  return (await getDb()
    .select({ slug: datasets.slug })
    .from(submissionDatasets)
    .innerJoin(datasets, eq(submissionDatasets.datasetId, datasets.id))
    .where(eq(submissionDatasets.submissionId, entryId)))
    .map((r) => r.slug);
}

/** Saves by one author closer together than this share one revision (see saveEntry). */
export const REVISION_BURST_MS = 10 * 60 * 1000;

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; problem: 'locked'; reason: EntryAccess['lockedReason'] }
  | { ok: false; problem: 'conflict'; theirs: EntryFields & { version: number; updatedAt: Date } };

/**
 * Saves a team member's edit as a new revision. An edit based on an older version than the one
 * stored is refused as a conflict, with the stored version, so nobody overwrites a teammate.
 */
export async function saveEntry(viewer: Viewer, entryId: number, draft: EntryDraft, now: Date): Promise<SaveResult | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.edit) return { ok: false, problem: 'locked', reason: context.access.lockedReason };
  const { entry } = context;
  if (draft.version !== entry.version) {
    return { ok: false, problem: 'conflict', theirs: { ...fieldsOf(entry, await datasetSlugsOf(entryId)), version: entry.version, updatedAt: entry.updatedAt } };
  }
  const links: SubmissionLinks = {
    ...(draft.repository.trim() ? { repository: draft.repository.trim() } : {}),
    ...(draft.demo.trim() ? { demo: draft.demo.trim() } : {}),
    ...(draft.video.trim() ? { video: draft.video.trim() } : {}),
  };
  // An autosave of what is already stored writes nothing: no new version, no revision.
  const current = fieldsOf(entry, await datasetSlugsOf(entryId));
  const unchanged =
    draft.kind === current.kind &&
    draft.title === current.title &&
    draft.teamName === current.teamName &&
    draft.summary === current.summary &&
    draft.body === current.body &&
    (links.repository ?? '') === current.repository &&
    (links.demo ?? '') === current.demo &&
    (links.video ?? '') === current.video &&
    [...new Set(draft.datasets)].sort().join('\n') === [...current.datasets].sort().join('\n');
  if (unchanged) return { ok: true, version: entry.version };
  const version = entry.version + 1;
  await transaction(async (tx) => {
    // The version check and the write happen together, so two saves cannot both pass the check.
    const updated = await tx
      .update(submissions)
      .set({ kind: draft.kind, title: draft.title, teamName: draft.teamName, summary: draft.summary, body: draft.body, links, version, updatedAt: now })
      .where(and(eq(submissions.id, entryId), eq(submissions.version, entry.version)));
    if (affectedRows(updated) === 0) throw new Error('concurrent save');
    // History keeps the last state of each author's editing burst: a save within REVISION_BURST_MS
    // of the same author's latest revision replaces it, so autosaving every few seconds (or a
    // script saving in a loop) cannot grow the history without bound.
    const latest = (await tx
      .select({ id: submissionRevisions.id, authorId: submissionRevisions.authorId, createdAt: submissionRevisions.createdAt })
      .from(submissionRevisions)
      .where(eq(submissionRevisions.submissionId, entryId))
      .orderBy(desc(submissionRevisions.createdAt), desc(submissionRevisions.id))
      .limit(1))[0];
    const revision = { kind: draft.kind, title: draft.title, summary: draft.summary, body: draft.body, links };
    if (latest && latest.authorId === viewer.id && now.getTime() - latest.createdAt.getTime() < REVISION_BURST_MS) {
      await tx.update(submissionRevisions).set(revision).where(eq(submissionRevisions.id, latest.id));
    } else {
      await tx.insert(submissionRevisions)
        .values({ submissionId: entryId, authorId: viewer.id, ...revision, createdAt: now });
    }
    await tx.delete(submissionDatasets).where(eq(submissionDatasets.submissionId, entryId));
    if (draft.datasets.length > 0) {
      const ids = await tx.select({ id: datasets.id }).from(datasets).where(and(inArray(datasets.slug, draft.datasets), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')));
      for (const { id } of ids) await tx.insert(submissionDatasets).values({ submissionId: entryId, datasetId: id });
    }
  });
  return { ok: true, version };
}

export type SubmitResult = { ok: true } | { ok: false; problem: 'notAllowed'; reason: EntryAccess['lockedReason'] } | { ok: false; problem: 'incomplete'; problems: SubmitProblem[] };

export async function submitEntry(viewer: Viewer, entryId: number, now: Date): Promise<SubmitResult | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.submit) return { ok: false, problem: 'notAllowed', reason: context.access.lockedReason };
  const fields = fieldsOf(context.entry, []);
  const problems = submitProblems(fields, { idea: context.challenge.allowIdeas, prototype: context.challenge.allowPrototypes });
  if (problems.length > 0) return { ok: false, problem: 'incomplete', problems };
  await getDb().update(submissions).set({ status: 'submitted', submittedAt: now, updatedAt: now }).where(eq(submissions.id, entryId));
  return { ok: true };
}

export async function withdrawEntry(viewer: Viewer, entryId: number, now: Date): Promise<boolean | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.withdraw) return false;
  await getDb().update(submissions).set({ status: 'withdrawn', updatedAt: now }).where(eq(submissions.id, entryId));
  return true;
}

export type InviteProblem = 'teamFull' | 'alreadyInvited' | 'inAnotherTeam' | 'isJudge' | 'notAllowed';

/** The owner invites someone by e-mail; an address without an account waits for its registration. */
export async function inviteMember(viewer: Viewer, entryId: number, email: string, now: Date): Promise<{ ok: true; pending: boolean; userId: number | null } | { ok: false; problem: InviteProblem } | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.manageTeam) return { ok: false, problem: 'notAllowed' };
  const db = getDb();
  const address = normaliseEmail(email);
  const members = await db.select().from(submissionMembers).where(eq(submissionMembers.submissionId, entryId));
  const existing = members.find((m) => m.email === address);
  if (existing && existing.status !== 'declined') return { ok: false, problem: 'alreadyInvited' };
  const seats = members.filter((m) => m.status !== 'declined').length;
  if (seats >= context.challenge.teamSizeLimit) return { ok: false, problem: 'teamFull' };
  const user = (await db.select({ id: users.id }).from(users).where(eq(users.email, address)).limit(1))[0];
  if (user) {
    if (await isJudgeOfChallenge(context.challenge.id, user.id)) return { ok: false, problem: 'isJudge' };
    const elsewhere = (await db
      .select({ id: submissionMembers.id })
      .from(submissionMembers)
      .where(and(eq(submissionMembers.challengeId, context.challenge.id), eq(submissionMembers.userId, user.id), eq(submissionMembers.status, 'active'))).limit(1))[0];
    if (elsewhere) return { ok: false, problem: 'inAnotherTeam' };
  }
  if (existing) {
    await db.update(submissionMembers).set({ status: 'invited', userId: user?.id ?? null, invitedBy: viewer.id, createdAt: now, joinedAt: null }).where(eq(submissionMembers.id, existing.id));
  } else {
    await db.insert(submissionMembers)
      .values({ submissionId: entryId, challengeId: context.challenge.id, userId: user?.id ?? null, email: address, role: 'member', status: 'invited', invitedBy: viewer.id, createdAt: now });
  }
  return { ok: true, pending: !user, userId: user?.id ?? null };
}

export type RespondProblem = 'inAnotherTeam' | 'closed' | 'teamFull' | 'isJudge';

/** The invitee accepts or declines; the invitation must be addressed to them. */
export async function respondToInvitation(viewer: Viewer, memberRowId: number, accept: boolean, now: Date): Promise<{ ok: true; entryId: number } | { ok: false; problem: RespondProblem } | undefined> {
  const db = getDb();
  const invitation = (await db.select().from(submissionMembers).where(and(eq(submissionMembers.id, memberRowId), eq(submissionMembers.userId, viewer.id), eq(submissionMembers.status, 'invited'))).limit(1))[0];
  if (!invitation) return undefined;
  if (!accept) {
    await db.update(submissionMembers).set({ status: 'declined' }).where(eq(submissionMembers.id, memberRowId));
    return { ok: true, entryId: invitation.submissionId };
  }
  const challenge = (await db.select().from(challenges).where(eq(challenges.id, invitation.challengeId)).limit(1))[0];
  if (!challenge || challengePhase(challenge, now) !== 'open') return { ok: false, problem: 'closed' };
  if (await isJudgeOfChallenge(challenge.id, viewer.id)) return { ok: false, problem: 'isJudge' };
  const active = (await db
    .select({ n: sql<number>`count(*)` })
    .from(submissionMembers)
    .where(and(eq(submissionMembers.submissionId, invitation.submissionId), eq(submissionMembers.status, 'active'))).limit(1))[0]?.n ?? 0;
  if (Number(active) >= challenge.teamSizeLimit) return { ok: false, problem: 'teamFull' };
  try {
    await transaction(() => db.update(submissionMembers).set({ status: 'active', joinedAt: now }).where(eq(submissionMembers.id, memberRowId)));
  } catch (error) {
    // The database keeps a person in one team per challenge (a partial unique index).
    if (isUniqueViolation(error)) return { ok: false, problem: 'inAnotherTeam' };
    throw error;
  }
  return { ok: true, entryId: invitation.submissionId };
}

/** The owner removes a member or withdraws an invitation (never themselves). */
export async function removeMember(viewer: Viewer, entryId: number, memberRowId: number, now: Date): Promise<boolean | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.manageTeam) return false;
  return (
    affectedRows(await getDb()
      .delete(submissionMembers)
      .where(and(eq(submissionMembers.id, memberRowId), eq(submissionMembers.submissionId, entryId), eq(submissionMembers.role, 'member')))) > 0
  );
}

/** Pending team invitations for an address attach to the account that registers with it. */
export async function attachPendingMemberInvitations(userId: number, email: string): Promise<number> {
  return affectedRows(await getDb()
    .update(submissionMembers)
    .set({ userId })
    .where(and(eq(submissionMembers.email, normaliseEmail(email)), isNull(submissionMembers.userId))));
}

export const MAX_ATTACHMENTS = 10;

export async function addAttachment(
  viewer: Viewer,
  entryId: number,
  file: { filename: string; contentType: string; byteSize: number; storageKey: string; sha256: string },
  now: Date,
): Promise<{ ok: true; id: number } | { ok: false; problem: 'locked' | 'tooMany' } | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context || context.membership === null) return undefined;
  if (!context.access.edit) return { ok: false, problem: 'locked' };
  const count = (await getDb().select({ n: sql<number>`count(*)` }).from(attachments).where(eq(attachments.submissionId, entryId)).limit(1))[0]?.n ?? 0;
  if (Number(count) >= MAX_ATTACHMENTS) return { ok: false, problem: 'tooMany' };
  const id = inserted(await getDb()
    .insert(attachments)
    .values({ submissionId: entryId, uploadedBy: viewer.id, ...file, createdAt: now })
    .returning({ id: attachments.id })).id;
  await getDb().update(submissions).set({ updatedAt: now }).where(eq(submissions.id, entryId));
  return { ok: true, id };
}

/** An attachment, only for someone who may see its entry. */
export async function getAttachmentForViewer(viewer: Viewer | null, entryId: number, attachmentId: number, now: Date) {
  const context = await loadContext(entryId, viewer, now);
  if (!context?.access.view) return undefined;
  return (await getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.submissionId, entryId))).limit(1))[0];
}

/** Removes an attachment; returns its storage key so the file can be deleted. */
export async function deleteAttachment(viewer: Viewer, entryId: number, attachmentId: number, now: Date): Promise<string | undefined> {
  const context = await loadContext(entryId, viewer, now);
  if (!context?.access.edit) return undefined;
  const row = (await getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.submissionId, entryId))).limit(1))[0];
  if (!row) return undefined;
  await getDb().delete(attachments).where(eq(attachments.id, attachmentId));
  return row.storageKey;
}

/** Everything the viewer takes part in: entries, invitations, and challenges they judge. */
export async function listMyParticipation(viewer: Viewer, now: Date) {
  const db = getDb();
  const rows = await db
    .select({ member: submissionMembers, entry: submissions, challenge: challenges })
    .from(submissionMembers)
    .innerJoin(submissions, eq(submissionMembers.submissionId, submissions.id))
    .innerJoin(challenges, eq(submissions.challengeId, challenges.id))
    .where(and(eq(submissionMembers.userId, viewer.id), inArray(submissionMembers.status, ['active', 'invited'])))
    .orderBy(desc(submissions.updatedAt));
  const entries = rows
    .filter((r) => r.member.status === 'active')
    .map((r) => ({ id: r.entry.id, title: r.entry.title, status: r.entry.status, role: r.member.role, updatedAt: r.entry.updatedAt, challenge: { slug: r.challenge.slug, title: r.challenge.title, phase: challengePhase(r.challenge, now), closesAt: r.challenge.closesAt } }));
  const inviterIds = rows.filter((r) => r.member.status === 'invited').map((r) => r.member.invitedBy).filter((id): id is number => id !== null);
  const inviters = new Map(
    inviterIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, inviterIds))).map((u) => [u.id, u.name]) : [],
  );
  const invitations = rows
    .filter((r) => r.member.status === 'invited')
    .map((r) => ({ id: r.member.id, entryTitle: r.entry.title, teamName: r.entry.teamName, invitedBy: r.member.invitedBy ? (inviters.get(r.member.invitedBy) ?? null) : null, challenge: { slug: r.challenge.slug, title: r.challenge.title, phase: challengePhase(r.challenge, now) } }));
  const judging = (await db
    .select({ slug: challenges.slug, title: challenges.title, challenge: challenges })
    .from(challengeJudges)
    .innerJoin(challenges, eq(challengeJudges.challengeId, challenges.id))
    .where(eq(challengeJudges.userId, viewer.id))
    .orderBy(desc(challenges.closesAt)))
    .map((r) => ({ slug: r.slug, title: r.title, phase: challengePhase(r.challenge, now) }));
  return { entries, invitations, judging };
}

/** The viewer's own entry in a challenge, for the call to action on its page. */
export async function viewerEntryFor(challengeId: number, viewerId: number): Promise<{ id: number; status: SubmissionRow['status'] } | undefined> {
  return (await getDb()
    .select({ id: submissions.id, status: submissions.status })
    .from(submissionMembers)
    .innerJoin(submissions, eq(submissionMembers.submissionId, submissions.id))
    .where(and(eq(submissionMembers.challengeId, challengeId), eq(submissionMembers.userId, viewerId), eq(submissionMembers.status, 'active'))).limit(1))[0];
}

/** Submitted entries the public may see (see `entriesArePublic`). */
/** One page of a challenge's public gallery, newest first. */
export async function listPublicEntries(challenge: Pick<ChallengeRow, 'id' | 'entriesPublic' | 'peoplesChoice' | 'blindJudging'>, phase: Phase, window: { limit: number; offset: number }) {
  if (!entriesArePublic(challenge, phase)) return [];
  // Under blind judging nobody outside the team learns who made an entry until results are out.
  const hideTeams = challenge.blindJudging && phase !== 'results';
  const rows = await getDb()
    .select({ id: submissions.id, title: submissions.title, teamName: submissions.teamName, summary: submissions.summary, kind: submissions.kind, submittedAt: submissions.submittedAt })
    .from(submissions)
    .where(and(eq(submissions.challengeId, challenge.id), eq(submissions.status, 'submitted')))
    .orderBy(desc(submissions.submittedAt), desc(submissions.id))
    .limit(window.limit)
    .offset(window.offset);
  return hideTeams ? rows.map((row) => ({ ...row, teamName: '' })) : rows;
}
