/**
 * Conditional access: applying, the department's decision, revoking a grant, and a challenge
 * entrant accepting the agreement. Every check is here, on the server: who may apply for what,
 * which resources and how long, and who decides.
 */
import { applicationKindsFor, canManageDepartment, MAX_GRANT_DAYS } from '~/lib/access';
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { ApplicationFormValues } from '~/lib/validation/access';
import * as access from '~/models/access-grants.server';
import { datasetAccessFacts } from '~/models/datasets.server';
import { transaction } from '~/models/transaction.server';
import { applicationDecided, applicationReceived } from '~/services/participation-events.server';
import { audit } from './audit.server';

export interface Applicant extends ActingUser {
  emailVerified: boolean;
}

const notApplicable = () => fail('conflict', 'notApplicable', 'errors.application.notApplicable');

/** Files an application for a conditional dataset (or a department's for conditionally shared data). */
export async function applyForAccess(actor: Actor<Applicant>, datasetId: number, input: ApplicationFormValues): Promise<Result<{ id: number }>> {
  const user = actor.user;
  const created = await transaction(async () => {
    const dataset = await datasetAccessFacts(datasetId);
    if (!dataset) return notFound();
    if (!user.emailVerified) return fail('forbidden', 'unverified', 'errors.application.unverified');
    if (!applicationKindsFor(dataset, user).includes(input.applicantKind)) return notApplicable();
    const agreement = await access.currentAgreement(dataset.id);
    if (!agreement) return notApplicable();
    if (await access.pendingApplicationExists(dataset.id, user.id)) return fail('conflict', 'pendingExists', 'errors.application.pendingExists');
    const served = new Set((await access.servedResourcesOf(dataset.id)).map((r) => r.id));
    const resourceIds = [...new Set(input.resource)];
    if (resourceIds.some((id) => !served.has(id))) return fail('invalid', 'resourceUnknown', 'errors.application.resourceUnknown', { field: 'resource' });
    let challengeId: number | null = null;
    let submissionId: number | null = null;
    if (input.challenge) {
      const challenge = await access.challengeLinkingDataset(input.challenge, dataset.id);
      if (!challenge) return fail('invalid', 'challengeUnknown', 'errors.application.challengeUnknown', { field: 'challenge' });
      challengeId = challenge.id;
      if (input.entry !== undefined) {
        if (!(await access.isActiveMemberOfEntry(user.id, input.entry, challenge.id))) return fail('invalid', 'entryUnknown', 'errors.application.entryUnknown', { field: 'entry' });
        submissionId = input.entry;
      }
    }
    const id = await access.createApplication({
      datasetId: dataset.id,
      applicantId: user.id,
      applicantKind: input.applicantKind,
      organisationName: input.applicantKind === 'organisation' ? input.organisationName : '',
      organisationCode: input.applicantKind === 'organisation' ? input.organisationCode : '',
      applicantDepartmentId: input.applicantKind === 'department' ? user.departmentId : null,
      purpose: input.purpose,
      intendedUse: input.intendedUse,
      resourceIds,
      periodDays: Math.min(input.periodDays, MAX_GRANT_DAYS),
      challengeId,
      submissionId,
      agreementVersion: agreement.version,
    });
    await audit(actor, { action: 'access.apply', targetType: 'dataset', targetId: dataset.id, details: { application: id, kind: input.applicantKind, agreementVersion: agreement.version } });
    return ok({ id, dataset });
  });
  if (!created.ok) return created;
  await applicationReceived(created.value.dataset, created.value.id, user.id);
  return ok({ id: created.value.id });
}

export type Decision = { decision: 'approve'; resource: number[]; periodDays: number } | { decision: 'refuse'; reason: string };

/** The owning department approves (no more resources, no longer than asked) or refuses with a reason. */
export async function decideApplication(actor: Actor<ActingUser>, applicationId: number, decision: Decision, now = new Date()): Promise<Result<{ status: 'approved' | 'refused' }>> {
  const result = await transaction(async () => {
    const application = await access.getApplication(applicationId);
    if (!application) return notFound();
    if (!canManageDepartment(actor.user, application.departmentId)) return notFound();
    if (application.status !== 'pending') return fail('conflict', 'alreadyDecided', 'errors.application.alreadyDecided');
    if (decision.decision === 'refuse') {
      await access.refuseApplication({ applicationId, deciderId: actor.user.id, reason: decision.reason, now });
      await audit(actor, { action: 'access.refuse', targetType: 'dataset', targetId: application.datasetId, details: { application: applicationId } });
      return ok({ status: 'refused' as const, application });
    }
    const asked = new Set(application.resourceIds);
    const resourceIds = [...new Set(decision.resource)];
    if (resourceIds.some((id) => !asked.has(id))) return fail('invalid', 'resourcesWider', 'errors.application.resourcesWider', { field: 'resource' });
    if (decision.periodDays > application.periodDays) return fail('invalid', 'periodLonger', 'errors.application.periodLonger', { field: 'periodDays' });
    const grantId = await access.approveApplication({ applicationId, deciderId: actor.user.id, resourceIds, periodDays: decision.periodDays, now });
    if (grantId === undefined) return fail('conflict', 'alreadyDecided', 'errors.application.alreadyDecided');
    await audit(actor, { action: 'access.approve', targetType: 'dataset', targetId: application.datasetId, details: { application: applicationId, grant: grantId, resources: resourceIds, days: decision.periodDays } });
    return ok({ status: 'approved' as const, application });
  });
  if (!result.ok) return result;
  const { status, application } = result.value;
  await applicationDecided({ title: application.datasetTitle }, application.applicantId, status, actor.user.id);
  return ok({ status });
}

export async function withdrawApplication(actor: Actor<ActingUser>, applicationId: number): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await access.withdrawApplication(applicationId, actor.user.id))) return notFound();
    await audit(actor, { action: 'access.withdraw', targetType: 'application', targetId: applicationId });
    return ok();
  });
}

/** Ends a grant at once; the holder is told. */
export async function revokeGrant(actor: Actor<ActingUser>, grantId: number, now = new Date()): Promise<Result<void>> {
  const result = await transaction(async () => {
    const found = await access.getGrant(grantId);
    if (!found || !canManageDepartment(actor.user, found.departmentId)) return notFound();
    if (!(await access.revokeGrant(grantId, actor.user.id, now))) return ok({ holder: null, title: found.datasetTitle });
    await audit(actor, { action: 'access.revoke', targetType: 'dataset', targetId: found.grant.datasetId, details: { grant: grantId } });
    return ok({ holder: found.grant.userId, title: found.datasetTitle });
  });
  if (!result.ok) return result;
  if (result.value.holder !== null) await applicationDecided({ title: result.value.title }, result.value.holder, 'revoked', actor.user.id);
  return ok();
}

/**
 * A challenge's entrant accepts the agreement of a conditional dataset the challenge opens to its
 * entrants: a grant until judging ends, from the day the challenge opens until it closes.
 */
export async function acceptEntrantAccess(actor: Actor<Applicant>, datasetId: number, challengeSlug: string, now = new Date()): Promise<Result<{ grantId: number }>> {
  return await transaction(async () => {
    const dataset = await datasetAccessFacts(datasetId);
    if (!dataset || dataset.status !== 'published' || dataset.accessLevel !== 'conditional') return notApplicable();
    if (!actor.user.emailVerified) return fail('forbidden', 'unverified', 'errors.application.unverified');
    const challenge = await access.challengeLinkingDataset(challengeSlug, dataset.id);
    if (!challenge || !challenge.entrantAccess) return notApplicable();
    if (now < challenge.opensAt || now >= challenge.closesAt) return fail('conflict', 'notOpen', 'errors.application.challengeNotOpen');
    const agreement = await access.currentAgreement(dataset.id);
    if (!agreement) return notApplicable();
    const grantId = await access.ensureEntrantGrant({ challengeId: challenge.id, datasetId: dataset.id, userId: actor.user.id, agreementVersion: agreement.version, now, until: challenge.judgingEndsAt });
    await audit(actor, { action: 'access.entrant', targetType: 'dataset', targetId: dataset.id, details: { challenge: challenge.slug, grant: grantId, agreementVersion: agreement.version } });
    return ok({ grantId });
  });
}
