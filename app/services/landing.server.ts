/**
 * Where someone lands after signing in: where they were headed, if anywhere; otherwise where their
 * work is (officials in the workspace, admins in the console, judges with reviews to do in judging).
 */
import type { SessionUser } from '~/models/users.server';
import { listJudgingFor } from '~/models/judging.server';

export async function landingPage(user: Pick<SessionUser, 'id' | 'role' | 'departmentId'>, requested: string, now = new Date()): Promise<string> {
  if (requested !== '/') return requested;
  if (user.role === 'official') return '/manage';
  if (user.role === 'admin') return '/admin';
  if ((await listJudgingFor(user, now)).some((c) => c.open && c.completed < c.assigned)) return '/judging';
  return '/';
}
