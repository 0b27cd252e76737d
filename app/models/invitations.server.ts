/** Invitations sent to an address before it had an account attach when that account is created. */
import { attachPendingJudgeInvitations } from './challenge-management.server';
import { attachPendingMemberInvitations } from './submissions.server';

export async function attachPendingInvitations(userId: number, email: string): Promise<{ teams: number; judging: number }> {
  return { teams: await attachPendingMemberInvitations(userId, email), judging: await attachPendingJudgeInvitations(userId, email) };
}
