/**
 * Changes to challenges by their department: create, edit under the rules of the phase, publish,
 * post announcements and FAQ, invite and remove judges. Participants are notified after the change
 * has committed, never about one that rolled back.
 */
import { canManageDepartment } from '~/lib/access';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { PostKind } from '~/lib/vocabulary';
import * as challenges from '~/models/challenge-management.server';
import { transaction } from '~/models/transaction.server';
import { challengeAnnounced, challengeChanged } from '~/services/participation-events.server';
import { linkRequest } from '~/models/challenge-requests.server';
import { announceChallengeToRequests } from './challenge-requests.server';
import { audit } from './audit.server';

export type ChallengeInput = challenges.ChallengeInput;

const slugTaken = () => fail('conflict', 'slugTaken', 'errors.dataset.slugTaken', { field: 'slug' });

async function auditChallenge(actor: Actor, challengeId: number, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await audit(actor, { action, targetType: 'challenge', targetId: challengeId, details: { slug: await challenges.challengeSlug(challengeId), ...details } });
}

/**
 * Creates a draft. `answers` is a data request the actor may start a challenge from
 * (requestForNewChallenge): the draft is linked to it in the same transaction.
 */
export async function createChallenge(actor: Actor<ActingUser>, departmentId: number, input: ChallengeInput, answers?: { id: number }): Promise<Result<{ id: number; slug: string }>> {
  if (!canManageDepartment(actor.user, departmentId)) return forbidden();
  return await transaction(async () => {
    if (await challenges.isChallengeSlugTaken(input.slug)) return slugTaken();
    const created = await challenges.createChallenge(actor.user, departmentId, input);
    if (!created) return forbidden();
    if (answers) await linkRequest(created.id, answers.id, actor.user.id, new Date());
    await auditChallenge(actor, created.id, 'challenge.create', answers ? { fromRequest: answers.id } : {});
    return ok(created);
  });
}

/**
 * An edit under the rules of the challenge's phase. Refusals of single fields come back as
 * `details.problems` (one per field); after publication every change that matters is announced.
 */
export async function updateChallenge(actor: Actor<ActingUser>, challengeId: number, input: ChallengeInput, now: Date): Promise<Result<{ slug: string }>> {
  const outcome = await transaction(async () => {
    try {
      const result = await challenges.updateChallenge(actor.user, challengeId, input, now);
      if (!result) return notFound();
      if (!result.ok) return fail('invalid', 'changeRefused', 'errors.form', { details: { problems: result.problems } });
      await auditChallenge(actor, challengeId, 'challenge.update', { phase: result.phase, changes: result.notices.map((n) => n.kind) });
      return ok(result);
    } catch (error) {
      if (error instanceof challenges.ChallengeSlugTakenError) return slugTaken();
      throw error;
    }
  });
  if (!outcome.ok) return outcome;
  await challengeChanged({ id: challengeId, slug: outcome.value.slug, title: input.title }, outcome.value.notices, actor.user.id);
  return ok({ slug: outcome.value.slug });
}

export async function publishChallenge(actor: Actor<ActingUser>, challengeId: number, now: Date): Promise<Result<void, challenges.PublishProblem | 'notFound'>> {
  const published = await transaction(async () => {
    const result = await challenges.publishChallenge(actor.user, challengeId, now);
    if (!result) return notFound();
    if (!result.ok) return fail('conflict', result.problem, `manage.challengePublishProblem.${result.problem}`);
    await auditChallenge(actor, challengeId, 'challenge.publish');
    return ok();
  });
  if (published.ok) await announceChallengeToRequests(challengeId, actor.user.id, now);
  return published;
}

/** An announcement or FAQ entry on the challenge page; followers hear of announcements of a published challenge. */
export async function addChallengePost(actor: Actor<ActingUser>, challengeId: number, post: { kind: PostKind; title: string; body: string }): Promise<Result<{ id: number }>> {
  const id = await transaction(async () => {
    const created = await challenges.addChallengePost(actor.user, challengeId, post);
    if (created !== undefined) await auditChallenge(actor, challengeId, 'challenge.post', { kind: post.kind, post: created });
    return created;
  });
  if (id === undefined) return forbidden();
  const challenge = await challenges.challengeForNotice(challengeId);
  if (post.kind === 'announcement' && challenge?.status === 'published') await challengeAnnounced({ id: challengeId, slug: challenge.slug, title: challenge.title }, post.title, actor.user.id);
  return ok({ id });
}

export async function deleteChallengePost(actor: Actor<ActingUser>, challengeId: number, postId: number): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await challenges.deleteChallengePost(actor.user, challengeId, postId))) return notFound();
    await auditChallenge(actor, challengeId, 'challenge.post_delete', { post: postId });
    return ok();
  });
}

/** Someone with an account is assigned at once; an unknown address gets an invitation that attaches when they register. */
export async function inviteJudge(actor: Actor<ActingUser>, challengeId: number, email: string, now: Date): Promise<Result<{ assigned: boolean }>> {
  return await transaction(async () => {
    const result = await challenges.inviteJudge(actor.user, challengeId, email, now);
    if (!result) return forbidden();
    if (!result.ok) return fail('conflict', result.problem, `manage.judgeProblem.${result.problem}`, { field: 'email' });
    await auditChallenge(actor, challengeId, 'challenge.judge_invite', { email: email.trim().toLowerCase(), assigned: result.assigned });
    return ok({ assigned: result.assigned });
  });
}

export async function removeJudge(actor: Actor<ActingUser>, challengeId: number, judgeRowId: number): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await challenges.removeJudge(actor.user, challengeId, judgeRowId))) return notFound();
    await auditChallenge(actor, challengeId, 'challenge.judge_remove', { judge: judgeRowId });
    return ok();
  });
}
