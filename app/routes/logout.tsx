import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { signOutSession } from '~/actions/accounts.server';
import { webActor } from '~/services/actors.server';
import { getUser, signOut } from '~/services/session.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) await signOutSession(webActor(user, context));
  // The cookie goes whether or not it still named a live session.
  return await signOut(request, '/');
}

/** Signing out changes state, so it is POST only; a GET (e.g. a prefetch or a link) goes home. */
export async function loader() {
  return redirect('/');
}
