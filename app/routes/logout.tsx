import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { recordAudit } from '~/models/audit.server';
import { getUser, signOut } from '~/services/session.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) recordAudit({ actorId: user.id, action: 'auth.logout', targetType: 'user', targetId: user.id, ip: context.clientIp });
  return signOut(request, '/');
}

/** Signing out changes state, so it is POST only; a GET (e.g. a prefetch or a link) goes home. */
export async function loader() {
  return redirect('/');
}
