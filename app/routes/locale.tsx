import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLocale } from '~/lib/i18n';
import { safeRedirect } from '~/lib/safe-redirect';
import { setUserLocale } from '~/models/users.server';
import { localeCookie } from '~/services/locale.server';
import { getUser } from '~/services/session.server';

/** The language switcher posts here; the choice is remembered in a cookie for a year. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get('locale');
  const redirectTo = safeRedirect(form.get('redirectTo'), '/');
  // An unknown value cannot come from the switcher; keep the current language rather than fail.
  if (!isLocale(locale)) return redirect(redirectTo);
  // Signed-in people get their e-mail in the language they chose.
  const user = await getUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect('/');
}
