/**
 * 成果转化: a department reports what became of an idea (the web form and the API), and the
 * entry's team confirms or disputes an "adopted" claim. Each update is audited; the team hears of
 * every update, and a data request's supporters hear when an idea from a challenge answering it is
 * piloted or goes into service.
 */
import { config } from '~/config.server';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { AdoptionStage, TeamResponse } from '~/lib/vocabulary';
import { dateToZonedLocal } from '~/lib/zoned-time';
import * as adoptions from '~/models/adoptions.server';
import { requestSupportersOf } from '~/models/challenge-requests.server';
import { activeMemberIds } from '~/models/submissions.server';
import { transaction } from '~/models/transaction.server';
import { adoptionReported, ideaFromRequestAdopted } from '~/services/participation-events.server';
import { audit } from './audit.server';

export type AdoptionChange = Omit<adoptions.AdoptionInput, 'adoptedBy'> & { adoptedBySlugs?: string[] };

/** Stages that count as taken up: the request's supporters hear when an idea reaches one. */
const TAKEN_UP: readonly AdoptionStage[] = ['piloting', 'in_service'];

export async function recordAdoption(actor: Actor<ActingUser>, entryId: number, change: AdoptionChange, now: Date): Promise<Result<{ id: number; created: boolean }>> {
  const target = await adoptions.adoptionTarget(entryId);
  if (!target) return fail('invalid', 'entryUnknown', 'errors.adoption.entry', { field: 'entryId' });
  if (!adoptions.canKeepAdoption(actor.user, target)) return forbidden();
  let adoptedBy: number[] | undefined;
  if (change.adoptedBySlugs !== undefined) {
    const known = await adoptions.departmentIdsBySlug(change.adoptedBySlugs);
    if (change.adoptedBySlugs.some((slug) => !known.has(slug))) return fail('invalid', 'departmentUnknown', 'errors.adoption.adoptedBy', { field: 'adoptedBy' });
    adoptedBy = [...known.values()];
  }
  const resultsYear = Number(dateToZonedLocal(target.resultsPublishedAt ?? now, config().timeZone).slice(0, 4));
  const { adoptedBySlugs: _slugs, ...input } = change;
  const saved = await transaction(async () => {
    const result = await adoptions.saveAdoption(target, { ...input, adoptedBy }, actor.user, resultsYear, now);
    await audit(actor, {
      action: 'adoption.update',
      targetType: 'submission',
      targetId: entryId,
      details: { adoption: result.id, from: result.previousStage, to: change.stage, challenge: target.challengeSlug },
    });
    return result;
  });
  const entry = { id: entryId, title: target.entryTitle };
  await adoptionReported(entry, change.stage, await activeMemberIds([entryId]), actor.user.id);
  if (TAKEN_UP.includes(change.stage) && saved.previousStage !== change.stage) {
    for (const request of await requestSupportersOf(target.challengeId)) await ideaFromRequestAdopted(request, entry, change.stage, actor.user.id);
  }
  return ok({ id: saved.id, created: saved.previousStage === null });
}

/** The team's word on a claim that its idea was taken up (piloting or in service). */
export async function answerAdoptionClaim(actor: Actor<ActingUser>, entryId: number, response: TeamResponse, note: string, now: Date): Promise<Result<void>> {
  const record = await adoptions.adoptionOfEntry(entryId);
  if (!record) return notFound();
  if (!(await activeMemberIds([entryId])).includes(actor.user.id)) return forbidden();
  if (!TAKEN_UP.includes(record.stage)) return fail('conflict', 'notClaimed', 'errors.adoption.notClaimed');
  await transaction(async () => {
    await adoptions.respondToAdoption(entryId, response, note, now);
    await audit(actor, { action: 'adoption.team_response', targetType: 'submission', targetId: entryId, details: { response } });
  });
  return ok();
}
