/** The link in the verification e-mail: confirms the address (single use, 3 days). */
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { verifyEmail } from '~/actions/accounts.server';
import { usedTokenOwner } from '~/models/email-tokens.server';
import { getSessionUserById } from '~/models/users.server';
import { webActor } from '~/services/actors.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const valid = token.length > 0 && token.length <= 100;
  const verified = valid ? await verifyEmail(webActor(null, context), token) : null;
  if (!verified?.ok) {
    // Opened before (by the person, or a mail scanner checking links): say it worked if it did.
    const owner = valid ? await usedTokenOwner(token, 'verify') : null;
    return { verified: owner !== null && (await getSessionUserById(owner))?.emailVerified === true };
  }
  return { verified: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'verify.title');

export default function VerifyEmailPage() {
  const { verified } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-md px-4 py-12" role="status">
      <h1 className="text-2xl font-bold text-slate-900">{t(verified ? 'verify.done.title' : 'verify.failed.title')}</h1>
      <p className="mt-4 text-slate-700">{t(verified ? 'verify.done.body' : 'verify.failed.body')}</p>
      <Link to={verified ? '/challenges' : '/account/verify'} className="mt-6 inline-block font-medium">
        {t('verify.continue')}
      </Link>
    </div>
  );
}
