/** The visitor's UI language: an explicit choice kept in a cookie, else Accept-Language. */
import { createCookie } from '@remix-run/node';
import { negotiateLocale, type Locale } from '~/lib/i18n';

export const localeCookie = createCookie('jdz_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request): Promise<Locale> {
  const choice: unknown = await localeCookie.parse(request.headers.get('Cookie'));
  return negotiateLocale(typeof choice === 'string' ? choice : null, request.headers.get('Accept-Language'));
}
