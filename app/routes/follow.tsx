import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { parseId } from '~/services/form-helpers.server';
import { FOLLOW_TARGETS, type FollowTarget } from '~/lib/vocabulary';
import { followablePage, setFollowing } from '~/models/follows.server';
import { requireUser } from '~/services/session.server';

/** Follow or unfollow a challenge, dataset or data request, then back to its page. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const type = String(form.get('targetType') ?? '');
  const id = parseId(form.get('targetId'));
  if (!(FOLLOW_TARGETS as readonly string[]).includes(type) || id === null) throw new Response('Bad Request', { status: 400 });
  const page = await followablePage(type as FollowTarget, id);
  if (!page) throw new Response('Not Found', { status: 404 });
  await setFollowing(user.id, type as FollowTarget, id, form.get('follow') === '1');
  return redirect(page);
}

export async function loader() {
  throw new Response('Method Not Allowed', { status: 405 });
}
