/**
 * The public's requests for data not yet open: asking (the asker follows the request, so they hear
 * the answer), supporting, and the department's answer.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { AnswerStatus } from '~/lib/validation/data-request';
import * as requests from '~/models/data-requests.server';
import { setFollowing } from '~/models/follows.server';
import { transaction } from '~/models/transaction.server';
import { requestAnswered, requestReceived } from '~/services/participation-events.server';
import { audit } from './audit.server';

export async function createDataRequest(actor: Actor<ActingUser>, input: { title: string; description: string; purpose: string; departmentId: number | null }): Promise<Result<{ id: number }>> {
  const created = await transaction(async () => {
    const id = await requests.createDataRequest(actor.user.id, input);
    await setFollowing(actor.user.id, 'data_request', id, true);
    await audit(actor, { action: 'data_request.create', targetType: 'data_request', targetId: id });
    return ok({ id });
  });
  if (created.ok) await requestReceived({ id: created.value.id, title: input.title, departmentId: input.departmentId }, actor.user.id);
  return created;
}

/** Adds the actor's support to a request, or takes it back. */
export async function toggleRequestVote(actor: Actor<ActingUser>, requestId: number): Promise<Result<{ supporting: boolean }>> {
  return await transaction(async () => {
    const supporting = await requests.toggleVote(requestId, actor.user.id);
    return supporting === undefined ? notFound() : ok({ supporting });
  });
}

export async function answerDataRequest(
  actor: Actor<ActingUser>,
  requestId: number,
  answer: { status: AnswerStatus; note: string; datasetSlug: string; plannedFor: string; declineReason: string },
): Promise<Result<void>> {
  const result = await transaction(async () => {
    const answered = await requests.answerDataRequest(actor.user, requestId, answer);
    if (!answered) return fail('forbidden', 'forbidden', 'errors.forbidden.title');
    if (!answered.ok) return fail('invalid', answered.problem, 'errors.answer.datasetUnknown', { field: 'dataset' });
    await audit(actor, { action: 'data_request.answer', targetType: 'data_request', targetId: requestId, details: { status: answer.status } });
    return ok();
  });
  if (result.ok) {
    const request = await requests.getDataRequest(requestId, actor.user);
    if (request) await requestAnswered({ id: requestId, title: request.title }, answer.status, actor.user.id);
  }
  return result;
}
