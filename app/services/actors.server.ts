/**
 * The doors into app/actions: who is acting, from where, through which interface, and how a
 * refusal becomes that interface's answer.
 */
import type { AppLoadContext } from '@remix-run/node';
import type { ActingUser, Actor, Problem, Result } from '~/lib/result';

export function webActor<User extends ActingUser | null>(user: User, context: AppLoadContext): Actor<User> {
  return { user, ip: context.clientIp, via: 'web' };
}

const STATUS: Record<Problem['kind'], number> = { notFound: 404, forbidden: 403, invalid: 400, conflict: 409 };
const TEXT: Record<Problem['kind'], string> = { notFound: 'Not Found', forbidden: 'Forbidden', invalid: 'Bad Request', conflict: 'Conflict' };

/** A refusal as the page's error response (the route's error boundary shows it, translated). */
export function refusalResponse(problem: Problem): Response {
  return new Response(TEXT[problem.kind], { status: STATUS[problem.kind] });
}

/** The value of a result whose refusals a page cannot show beside a field: each becomes its error page. */
export function valueOrThrow<T>(result: Result<T>): T {
  if (!result.ok) throw refusalResponse(result.problem);
  return result.value;
}

interface Replyable<Reply> {
  reply(options: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; hideFields?: string[] }): Reply;
}

/**
 * A refusal as a form's answer (conform): beside its field when it names one, above the form when
 * it is about the form as a whole; what was typed stays. `hideFields` keeps passwords out of the reply.
 */
export function formRefusal<Reply>(submission: Replyable<Reply>, problem: Problem, hideFields?: string[]): { result: Reply } {
  if (problem.field) return { result: submission.reply({ fieldErrors: { [problem.field]: [problem.message] }, hideFields }) };
  return { result: submission.reply({ formErrors: [problem.message], hideFields }) };
}
