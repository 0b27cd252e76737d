/**
 * Who is calling an API: a personal token in the Authorization header (sent bare, as CKAN
 * clients do, or as "Bearer …") or in X-CKAN-API-Key (ckanapi's and older clients' header), else
 * the browser session.
 */
import { getUserByApiToken } from '~/models/api-tokens.server';
import type { SessionUser } from '~/models/users.server';
import { getUser } from './session.server';

export type ApiCaller = { user: SessionUser | null; viaToken: boolean; invalidToken: boolean };

export async function getApiCaller(request: Request): Promise<ApiCaller> {
  const header = request.headers.get('Authorization')?.trim() || request.headers.get('X-CKAN-API-Key')?.trim();
  if (header) {
    const token = header.replace(/^Bearer\s+/i, '');
    const user = await getUserByApiToken(token) ?? null;
    return { user, viaToken: true, invalidToken: user === null };
  }
  return { user: await getUser(request), viaToken: false, invalidToken: false };
}

export { siteOrigin } from './site-origin.server';
