/**
 * Changes a team makes to its entry: submit, withdraw, invite and remove members, add and remove
 * attachments. Only the entry's team may; to anyone else the entry does not exist. Mail and
 * notifications go out after the change has committed.
 */
import { fail, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as entries from '~/models/submissions.server';
import { transaction } from '~/models/transaction.server';
import { entryReceived, teamInvited } from '~/services/participation-events.server';
import { deleteUpload } from '~/services/uploads.server';
import { audit } from './audit.server';

type EntryActor = Actor<ActingUser & { name: string }>;

/** The entry can no longer change; `details.reason` says why, as the page shows it. */
const locked = (reason: string | null | undefined) => fail('conflict', 'locked', 'entry.attachmentProblem.locked', { details: { reason: reason ?? 'deadlinePassed' } });

async function auditEntry(actor: Actor, entryId: number, action: string, details?: Record<string, unknown>): Promise<void> {
  await audit(actor, { action, targetType: 'submission', targetId: entryId, details });
}

/**
 * Submits the saved draft. `incomplete` carries the missing fields (`details.problems`), `locked`
 * the reason (`details.reason`). The team gets its receipt with the server's time.
 */
export async function submitEntry(actor: EntryActor, entryId: number, now: Date, receipt: { title: string; challengeTitle: string }): Promise<Result<void>> {
  const result = await transaction(async () => {
    const submitted = await entries.submitEntry(actor.user, entryId, now);
    if (!submitted) return notFound();
    if (!submitted.ok) {
      if (submitted.problem === 'incomplete') return fail('invalid', 'incomplete', 'entry.notSubmitted', { details: { problems: submitted.problems } });
      return locked(submitted.reason);
    }
    await auditEntry(actor, entryId, 'entry.submit');
    return ok();
  });
  if (result.ok) await entryReceived({ id: entryId, ...receipt }, now);
  return result;
}

export async function withdrawEntry(actor: EntryActor, entryId: number, now: Date): Promise<Result<void>> {
  return await transaction(async () => {
    const done = await entries.withdrawEntry(actor.user, entryId, now);
    if (done === undefined) return notFound();
    if (!done) return locked('deadlinePassed');
    await auditEntry(actor, entryId, 'entry.withdraw');
    return ok();
  });
}

/** The owner invites someone by e-mail; an address without an account waits for its registration. */
export async function inviteMember(actor: EntryActor, entryId: number, email: string, now: Date, team: { name: string; challengeTitle: string }): Promise<Result<{ pending: boolean }>> {
  const result = await transaction(async () => {
    const invited = await entries.inviteMember(actor.user, entryId, email, now);
    if (!invited) return notFound();
    if (!invited.ok) return fail('conflict', invited.problem, `entry.inviteProblem.${invited.problem}`, { field: 'email' });
    await auditEntry(actor, entryId, 'entry.invite', { email });
    return ok(invited);
  });
  if (!result.ok) return result;
  if (result.value.userId !== null) await teamInvited(result.value.userId, actor.user, team.name, team.challengeTitle);
  return ok({ pending: result.value.pending });
}

export async function removeMember(actor: EntryActor, entryId: number, memberRowId: number, now: Date): Promise<Result<void>> {
  return await transaction(async () => {
    const removed = await entries.removeMember(actor.user, entryId, memberRowId, now);
    if (removed === undefined) return notFound();
    if (!removed) return locked('deadlinePassed');
    await auditEntry(actor, entryId, 'entry.remove_member', { member: memberRowId });
    return ok();
  });
}

export type AttachmentFile = { filename: string; contentType: string; byteSize: number; storageKey: string; sha256: string };

/** Adds a checked file to the entry; a refused one is deleted from disk. */
export async function addAttachment(actor: EntryActor, entryId: number, file: AttachmentFile, now: Date): Promise<Result<{ id: number }>> {
  const result = await transaction(async () => {
    const added = await entries.addAttachment(actor.user, entryId, file, now);
    if (!added) return notFound();
    if (!added.ok) return fail('conflict', added.problem, `entry.attachmentProblem.${added.problem}`);
    await auditEntry(actor, entryId, 'entry.attachment_add', { file: file.filename, sha256: file.sha256 });
    return ok({ id: added.id });
  });
  if (!result.ok) deleteUpload(file.storageKey);
  return result;
}

/** Removes an attachment, and its file once the removal has committed. */
export async function deleteAttachment(actor: EntryActor, entryId: number, attachmentId: number, now: Date): Promise<Result<void>> {
  const key = await transaction(async () => {
    const removed = await entries.deleteAttachment(actor.user, entryId, attachmentId, now);
    if (removed) await auditEntry(actor, entryId, 'entry.attachment_delete', { attachment: attachmentId });
    return removed;
  });
  if (!key) return notFound();
  deleteUpload(key);
  return ok();
}
