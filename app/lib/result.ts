/**
 * The one shape every action answers with (app/actions): a value, or a problem that says what kind
 * of refusal it is (so each adapter picks its status: a 404 page, a form error, a CKAN
 * "Validation Error"), carries a message key for people, and for forms names the field.
 */
import type { MessageKey } from './i18n';

export type ProblemKind =
  /** Nothing there, or nothing this actor may know is there: the same answer for both. */
  | 'notFound'
  /** It is there and the actor knows it, but may not do this. */
  | 'forbidden'
  /** The input is wrong; `field` says where when a form sent it. */
  | 'invalid'
  /** The input is fine but the state of things refuses it (a slug taken, a phase closed). */
  | 'conflict';

export interface Problem<Code extends string = string> {
  kind: ProblemKind;
  /** Stable and machine-readable, e.g. 'slugTaken'. */
  code: Code;
  message: MessageKey;
  params?: Record<string, string | number>;
  field?: string;
  /** Extra facts an adapter may show (e.g. which columns block publication). */
  details?: Record<string, unknown>;
}

export type Result<T, Code extends string = string> = { ok: true; value: T } | { ok: false; problem: Problem<Code> };

export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: undefined };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function fail<Code extends string>(kind: ProblemKind, code: Code, message: MessageKey, extra: Omit<Problem, 'kind' | 'code' | 'message'> = {}): { ok: false; problem: Problem<Code> } {
  return { ok: false, problem: { kind, code, message, ...extra } };
}

export const notFound = () => fail('notFound', 'notFound', 'errors.notFound.title');
export const forbidden = () => fail('forbidden', 'forbidden', 'errors.forbidden.title');

/** Who is acting, and through which door: the web site, the REST API, the CKAN API, the command line or the platform itself. */
export type Via = 'web' | 'api' | 'ckan' | 'cli' | 'system';

export interface ActingUser {
  id: number;
  role: 'participant' | 'official' | 'admin';
  departmentId: number | null;
}

export interface Actor<User extends ActingUser | null = ActingUser | null> {
  user: User;
  ip: string | null;
  via: Via;
}
