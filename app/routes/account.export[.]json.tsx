/**
 * Everything the platform holds about the signed-in person, as one JSON file (个人信息查阅、复制权).
 * A full copy of someone's records: the second factor is asked again for accounts that have one,
 * and the download is recorded.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { recordDataExport } from '~/actions/accounts.server';
import { personalData } from '~/models/personal-data.server';
import { valueOrThrow, webActor } from '~/services/actors.server';
import { requireRecentTwoFactor, requireUser } from '~/services/session.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireRecentTwoFactor(user, request, '/account/export');
  valueOrThrow(await recordDataExport(webActor(user, context)));
  const now = new Date();
  return new Response(JSON.stringify({ exportedAt: now.toISOString(), ...await personalData(user.id) }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="jindianzi-my-data-${now.toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  });
}
