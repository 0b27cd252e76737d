/** Invitations sent to an address before it had an account attach when that account is created. */
import { attachPendingJudgeInvitations } from './challenge-management.server';
import { attachPendingMemberInvitations } from './submissions.server';

export function attachPendingInvitations(userId: number, email: string): { teams: number; judging: number } {
  return { teams: attachPendingMemberInvitations(userId, email), judging: attachPendingJudgeInvitations(userId, email) };
}
