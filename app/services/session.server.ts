/**
 * The session cookie and the guards every protected loader and action uses.
 *
 * The cookie carries only a random token (signed, HttpOnly, SameSite=Lax). It is `Secure` and
 * `__Host-`-prefixed whenever the site is served over HTTPS (PUBLIC_URL is https, or the request
 * arrived over https, including via a trusted proxy's X-Forwarded-Proto); a county intranet on
 * plain HTTP still gets a working, unprefixed cookie.
 */
import { createCookie, redirect, type AppLoadContext, type Cookie } from '@remix-run/node';
import type { Role } from '../../db/tables';
import { safeRedirect } from '~/lib/safe-redirect';
import { SESSION_ABSOLUTE_MS } from '~/lib/session-policy';
import { noteUser } from '~/request-context.server';
import { createSession, deleteSessionByToken, deleteUserSessions, getPendingTwoFactorUser, getUserBySessionToken } from '~/models/sessions.server';
import type { SessionUser } from '~/models/users.server';
import { config } from '~/config.server';
import { getSecret } from '~/secrets.server';

export const SECURE_COOKIE_NAME = '__Host-jdz_session';
export const PLAIN_COOKIE_NAME = 'jdz_session';

const cookies = new Map<boolean, Cookie>();

export function isSecureRequest(request: Request): boolean {
  if (config().publicUrl?.protocol === 'https:') return true;
  return new URL(request.url).protocol === 'https:';
}

function sessionCookie(request: Request): Cookie {
  const secure = isSecureRequest(request);
  let cookie = cookies.get(secure);
  if (!cookie) {
    cookie = createCookie(secure ? SECURE_COOKIE_NAME : PLAIN_COOKIE_NAME, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      secrets: [getSecret('session')],
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    cookies.set(secure, cookie);
  }
  return cookie;
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The signed-in user, or null. Memoised per request: root and route loaders both ask. */
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = readToken(request).then(async (token) => {
      const user = token ? (await getUserBySessionToken(token) ?? null) : null;
      // For the access log: which account made the request (its id only, never more).
      if (user) noteUser(user.id);
      return user;
    });
    perRequest.set(request, pending);
  }
  return pending;
}

/** For sign-in and registration pages: someone already signed in goes where they were headed. */
export async function redirectIfSignedIn(request: Request): Promise<void> {
  if (await getUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  }
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

/** Officials and admins must have a second factor; until they do, only these pages are open to them. */
const ENROLMENT_PATHS = ['/account/two-factor', '/logout'];

/**
 * Signed-in user or a redirect to sign-in that returns here afterwards. Staff without a second
 * factor are sent to set one up first.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  if ((user.role === 'official' || user.role === 'admin') && !user.twoFactorEnabled) {
    const url = new URL(request.url);
    if (!ENROLMENT_PATHS.includes(url.pathname)) {
      const back = request.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
      throw redirect(`/account/two-factor?${new URLSearchParams({ required: '1', redirectTo: back })}`);
    }
  }
  return user;
}

/** How long a proof of the second factor counts for sensitive actions. */
export const STEP_UP_MS = 15 * 60 * 1000;

/**
 * Sensitive actions (publishing data or results, API tokens, purging uploads) need the second
 * factor proved in this session within the last minutes; otherwise the person confirms it first
 * and comes back.
 */
export function requireRecentTwoFactor(user: SessionUser, request: Request, backTo?: string): void {
  if (!user.twoFactorEnabled) return;
  const at = user.sessionTwoFactorAt?.getTime() ?? 0;
  if (Date.now() - at < STEP_UP_MS) return;
  const url = new URL(request.url);
  const back = backTo ?? (request.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname);
  throw redirect(`/account/confirm?${new URLSearchParams({ redirectTo: back })}`);
}

/** Signed-in user with one of the roles; anyone else gets 403 (or sign-in when anonymous). */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  }
  return user;
}

/**
 * For voting, submitting and asking for data: an unverified address is sent to the page that
 * explains why and resends the link, coming back here afterwards.
 */
export function requireVerifiedEmail(user: SessionUser, request: Request, backTo?: string): void {
  if (user.emailVerified) return;
  const url = new URL(request.url);
  const back = backTo ?? (request.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname);
  throw redirect(`/account/verify?${new URLSearchParams({ redirectTo: back })}`);
}

/**
 * Starts a new session (a fresh token: a token planted before sign-in is never promoted) and
 * redirects. Any token the browser already had is revoked.
 */
export async function signIn(args: {
  request: Request;
  context: AppLoadContext;
  user: SessionUser;
  redirectTo: string;
  /** The password alone is not enough for this account: the session waits for the second factor. */
  pendingTwoFactor?: boolean;
  /** The second factor was just proved. */
  twoFactorAt?: Date;
}): Promise<Response> {
  const previous = await readToken(args.request);
  if (previous) await deleteSessionByToken(previous);
  const token = await createSession(
    args.user.id,
    { ip: args.context.clientIp, userAgent: args.request.headers.get('User-Agent') },
    new Date(),
    { pendingTwoFactor: args.pendingTwoFactor ?? false, twoFactorAt: args.twoFactorAt ?? null },
  );
  return redirect(args.redirectTo, {
    headers: { 'Set-Cookie': await sessionCookie(args.request).serialize(token) },
  });
}

/** The account whose password was just checked and whose second factor this browser owes. */
export async function getPendingTwoFactorSignIn(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  return token ? (await getPendingTwoFactorUser(token) ?? null) : null;
}

export async function signOut(request: Request, redirectTo = '/'): Promise<Response> {
  const token = await readToken(request);
  if (token) await deleteSessionByToken(token);
  return redirect(redirectTo, {
    headers: { 'Set-Cookie': await sessionCookie(request).serialize('', { maxAge: 0 }) },
  });
}

/** Ends every session of a user (role change, password reset). */
export async function revokeAllSessions(userId: number): Promise<void> {
  await deleteUserSessions(userId);
}
