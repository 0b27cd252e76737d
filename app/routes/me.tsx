/** "My participation": the viewer's entries, team invitations to answer, and challenges they judge. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { ActionButton } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { respondToInvitation } from '~/actions/invitations.server';
import { listMyParticipation } from '~/models/submissions.server';
import { webActor } from '~/services/actors.server';
import { readIntent } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return await listMyParticipation(user, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = readIntent(await request.formData());
  if ((intent.name !== 'accept' && intent.name !== 'decline') || intent.id === null) throw new Response('Bad Request', { status: 400 });
  const result = await respondToInvitation(webActor(user, context), intent.id, intent.name === 'accept', new Date());
  if (!result.ok) {
    const { problem } = result;
    if (problem.code === 'notFound') throw new Response('Not Found', { status: 404 });
    return { problem: problem.code };
  }
  return intent.name === 'accept' ? redirect(`/entries/${result.value.entryId}`) : redirect('/me');
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'me.title');

export default function MyParticipationPage() {
  const { entries, invitations, judging } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const format = useFormatters();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('me.title')} intro={t('me.intro')} />

      {invitations.length > 0 ? (
        <section className="mt-8" aria-labelledby="invitations">
          <h2 id="invitations" className="text-xl font-semibold text-slate-900">
            {t('me.invitations')}
          </h2>
          {actionData?.problem ? (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              {t(`me.respondProblem.${actionData.problem}`)}
            </p>
          ) : null}
          <ul className="mt-3 space-y-3">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-gold-300 bg-gold-50 p-4">
                <div>
                  <p className="font-medium text-slate-900">{t('me.invitationFrom', { name: invitation.invitedBy ?? '—', entry: invitation.entryTitle || invitation.teamName || t('entry.untitled') })}</p>
                  <p className="text-sm text-slate-700">
                    <Link to={`/challenges/${invitation.challenge.slug}`}>{invitation.challenge.title}</Link>
                  </p>
                </div>
                <Form method="post" className="flex gap-2">
                  <ActionButton intent="accept" value={String(invitation.id)} tone="primary">
                    {t('me.accept')}
                  </ActionButton>
                  <ActionButton intent="decline" value={String(invitation.id)}>
                    {t('me.decline')}
                  </ActionButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="entries">
        <h2 id="entries" className="text-xl font-semibold text-slate-900">
          {t('me.entries')}
        </h2>
        {entries.length === 0 ? (
          <p className="mt-2 text-slate-700">
            {t('me.noEntries')} <Link to="/challenges?phase=open">{t('home.browseChallenges')}</Link>
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <div>
                  <Link to={`/entries/${entry.id}`} className="font-medium">
                    {entry.title || t('entry.untitled')}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {entry.challenge.title} · {entry.role === 'owner' ? t('entry.owner') : t('entry.member')} · {t('datasets.updatedAt', { date: format.date(entry.updatedAt) })}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <PhaseBadge phase={entry.challenge.phase} />
                  <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700">{t(`entry.status.${entry.status}`)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {judging.length > 0 ? (
        <section className="mt-8" aria-labelledby="judging">
          <h2 id="judging" className="text-xl font-semibold text-slate-900">
            {t('me.judging')}
          </h2>
          <ul className="mt-3 space-y-2">
            {judging.map((challenge) => (
              <li key={challenge.slug} className="flex items-center gap-3">
                <PhaseBadge phase={challenge.phase} />
                <Link to={`/judging/${challenge.slug}`}>{challenge.title}</Link>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm">
            <Link to="/judging">{t('judging.dashboardLink')}</Link>
          </p>
        </section>
      ) : null}
      <section className="mt-10" aria-labelledby="account">
        <h2 id="account" className="text-xl font-semibold text-slate-900">
          {t('me.account')}
        </h2>
        <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link to="/account/sessions">{t('sessions.title')}</Link>
          </li>
          <li>
            <Link to="/account/two-factor">{t('twoFactor.title')}</Link>
          </li>
          <li>
            <Link to="/account/password">{t('account.password.title')}</Link>
          </li>
          <li>
            <Link to="/account/email">{t('account.email.title')}</Link>
          </li>
          <li>
            <Link to="/account/export">{t('account.export.title')}</Link>
          </li>
          <li>
            <Link to="/account/delete">{t('account.delete.title')}</Link>
          </li>
          <li>
            <Link to="/account/tokens">{t('me.tokens')}</Link>
          </li>
          <li>
            <Link to="/account/applications">{t('access.myApplications')}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
