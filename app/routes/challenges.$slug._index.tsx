import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { Countdown } from '~/components/countdown';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useFormatters, useOptionalUser, useT } from '~/components/i18n';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { PostBody } from '~/components/challenge-posts';
import { VoteButton } from '~/components/vote-button';
import { weightShares } from '~/lib/challenge-rules';
import { getChallengeForViewer, isJudgeOfChallenge } from '~/models/challenges.server';
import { requestsAnsweredBy } from '~/models/challenge-requests.server';
import { listPublicEntries, startEntry, viewerEntryFor } from '~/models/submissions.server';
import { voteState } from '~/models/votes.server';
import { renderMarkdown } from '~/services/markdown.server';
import { getUser, requireUser, requireVerifiedEmail } from '~/services/session.server';
import { DiscussionSection } from '~/components/discussion';
import { FollowButton } from '~/components/follow-button';
import { resolveCommentTarget } from '~/models/comments.server';
import { isFollowing, setFollowing } from '~/models/follows.server';
import { readIntent, readPage } from '~/services/form-helpers.server';
import { pageWindow } from '~/lib/paging';
import { Pager } from '~/components/page';
import { PageChart } from '~/components/chart-data-table';
import { getLocale } from '~/services/locale.server';
import { challengeEntriesChart } from '~/services/page-charts.server';
import { discussionPosition, handleCommentIntent, isCommentIntent, loadDiscussion } from '~/services/discussion.server';

const GALLERY_PAGE_SIZE = 24;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const galleryPage = readPage(new URL(request.url), 'entries');
  const viewer = await getUser(request);
  const challenge = await getChallengeForViewer({ slug: params.slug ?? '', viewer, now });
  if (!challenge) throw new Response('Not Found', { status: 404 });
  const shares = weightShares(challenge.criteria.map((c) => c.weight));
  const isJudge = viewer ? await isJudgeOfChallenge(challenge.id, viewer.id) : false;
  const myEntry = viewer ? (await viewerEntryFor(challenge.id, viewer.id) ?? null) : null;
  // Drafts previewed by their department have no discussion yet.
  const target = await resolveCommentTarget('challenge', challenge.id, viewer, now);
  return {
    discussion: target ? await loadDiscussion(target, viewer, now, discussionPosition(new URL(request.url))) : null,
    following: await isFollowing(viewer?.id, 'challenge', challenge.id),
    now,
    challenge: {
      ...challenge,
      criteria: challenge.criteria.map((c, i) => ({ ...c, share: shares[i] ?? 0 })),
      posts: challenge.posts.map((p) => ({ ...p, html: p.automatic ? '' : renderMarkdown(p.body) })),
    },
    bodyHtml: renderMarkdown(challenge.body),
    prizesHtml: renderMarkdown(challenge.prizes),
    myEntry,
    isJudge,
    gallery: await listPublicEntries(challenge, challenge.phase, pageWindow(galleryPage, GALLERY_PAGE_SIZE)),
    galleryPage,
    galleryPages: Math.max(1, Math.ceil(challenge.entryCount / GALLERY_PAGE_SIZE)),
    entriesChart: challenge.entryCount > 0 ? await challengeEntriesChart({ challengeId: challenge.id, locale: await getLocale(request) }) : null,
    vote: { ...await voteState(challenge, viewer, now), closesAt: challenge.judgingEndsAt },
    answersRequests: await requestsAnsweredBy(challenge.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = readIntent(form).name;
  if (isCommentIntent(intent)) {
    const challenge = await getChallengeForViewer({ slug: params.slug ?? '', viewer: user, now: new Date() });
    if (!challenge) throw new Response('Not Found', { status: 404 });
    return await handleCommentIntent({ intent, form, user, type: 'challenge', targetId: challenge.id, request, context });
  }
  requireVerifiedEmail(user, request);
  const result = await startEntry(user, params.slug ?? '', new Date());
  if (!result.ok) return { problem: result.problem };
  // Entrants hear about deadline changes and announcements without having to think of it.
  const challenge = await getChallengeForViewer({ slug: params.slug ?? '', viewer: user, now: new Date() });
  if (challenge) await setFollowing(user.id, 'challenge', challenge.id, true);
  return redirect(`/entries/${result.entryId}`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  data ? pageMeta(matches, { literal: data.challenge.title }, data.challenge.summary) : errorPageMeta(matches, error);

export default function ChallengePage() {
  const { now, challenge, bodyHtml, prizesHtml, myEntry, isJudge, gallery, galleryPage, galleryPages, vote, discussion, following, entriesChart, answersRequests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const announcements = challenge.posts.filter((p) => p.kind === 'announcement');
  const faq = challenge.posts.filter((p) => p.kind === 'faq');
  const t = useT();
  const format = useFormatters();
  const user = useOptionalUser();
  const location = useLocation();
  const kinds = [challenge.allowIdeas ? t('kind.idea') : null, challenge.allowPrototypes ? t('kind.prototype') : null].filter(Boolean);

  // Results published before the planned end of judging ended it: that end is no longer an event.
  const resultsEarly = challenge.resultsPublishedAt !== null && new Date(challenge.resultsPublishedAt) < new Date(challenge.judgingEndsAt);
  const timeline = [
    { label: t('challenges.opensAt'), at: challenge.opensAt },
    { label: t('challenges.closesAt'), at: challenge.closesAt },
    ...(resultsEarly ? [] : [{ label: t('challenges.judgingEndsAt'), at: challenge.judgingEndsAt }]),
    ...(challenge.resultsPublishedAt ? [{ label: t('challenges.resultsPublishedAt'), at: challenge.resultsPublishedAt }] : []),
  ];

  return (
    <article className="mx-auto max-w-page px-4 py-10">
      <header className="border-b border-slate-200 pb-6">
        <div className="flex flex-wrap items-center gap-3">
          <PhaseBadge phase={challenge.phase} />
          <Countdown challenge={challenge} now={now} />
        </div>
        <h1 className="mt-3 text-3xl font-bold leading-tight text-slate-900">{challenge.title}</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-700">{challenge.summary}</p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">
            {t('challenges.postedBy', { name: challenge.departmentName })} · {t('challenges.entries', { count: challenge.entryCount })}
          </p>
          {challenge.status === 'published' ? <FollowButton targetType="challenge" targetId={challenge.id} following={following} /> : null}
        </div>
        {answersRequests.length > 0 ? (
          <div className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-slate-800">
            <p className="font-medium">{t('challenges.fromRequests')}</p>
            <ul className="mt-1 space-y-1">
              {answersRequests.map((r) => (
                <li key={r.id}>
                  <Link to={`/requests/${r.id}`} className="underline">{r.title}</Link> · {t('requests.votes', { count: r.voteCount })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </header>

      <div className="mt-8 grid gap-10 lg:grid-cols-3">
        <div className="space-y-10 lg:col-span-2">
          <section aria-labelledby="brief">
            <h2 id="brief" className="text-xl font-semibold text-slate-900">
              {t('challenges.details')}
            </h2>
            <div className="prose-jdz mt-4" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
          </section>

          {announcements.length > 0 ? (
            <section aria-labelledby="announcements">
              <h2 id="announcements" className="text-xl font-semibold text-slate-900">
                {t('challenges.announcements')}
              </h2>
              <ul className="mt-4 space-y-3">
                {announcements.map((post) => (
                  <li key={post.id} className="rounded-lg border-l-4 border-gold-400 bg-gold-50 p-4">
                    <p className="text-xs text-slate-600">{format.dateTime(post.createdAt)}</p>
                    {post.title ? <p className="mt-1 font-medium text-slate-900">{post.title}</p> : null}
                    <PostBody automatic={post.automatic} body={post.body} html={post.html} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {challenge.awards.length > 0 ? (
            <section aria-labelledby="awards">
              <h2 id="awards" className="text-xl font-semibold text-slate-900">
                {t('challenges.awards')}
              </h2>
              <ul className="mt-4 space-y-3">
                {challenge.awards.map((award, index) => (
                  <li key={index} className="flex flex-wrap items-baseline gap-3 rounded-lg border border-gold-300 bg-gold-50 p-4">
                    <span className="font-semibold text-gold-800">
                      {award.kind === 'custom' && award.customName ? award.customName : t(`award.${award.kind}`)}
                    </span>
                    <span className="font-medium text-slate-900">{award.title}</span>
                    {award.teamName ? <span className="text-sm text-slate-700">{award.teamName}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="mt-3">
                <Link to={`/challenges/${challenge.slug}/results`}>{t('results.fullResults')}</Link>
              </p>
            </section>
          ) : null}

          {entriesChart ? (
            <section aria-label={entriesChart.label}>
              <PageChart chart={entriesChart} />
            </section>
          ) : null}

          {gallery.length > 0 ? (
            <section aria-labelledby="gallery">
              <h2 id="gallery" className="text-xl font-semibold text-slate-900">
                {t('challenges.gallery', { count: challenge.entryCount })}
              </h2>
              {vote.open ? <p className="mt-1 text-sm text-slate-700">{t('vote.explain', { time: format.dateTime(vote.closesAt) })}</p> : null}
              <ul className="mt-4 grid gap-3 sm:grid-cols-2">
                {gallery.map((entry) => (
                  <li key={entry.id} className="rounded-lg border border-slate-200 p-4">
                    <p className="text-xs text-slate-600">{t(`kind.${entry.kind}`)}</p>
                    <Link to={`/entries/${entry.id}`} className="mt-1 block font-medium">
                      {entry.title || t('entry.untitled')}
                    </Link>
                    {entry.teamName ? <p className="text-sm text-slate-600">{entry.teamName}</p> : null}
                    <p className="mt-1 line-clamp-2 text-sm text-slate-700">{entry.summary}</p>
                    <VoteButton entryId={entry.id} vote={vote} ownEntry={myEntry?.id === entry.id} />
                  </li>
                ))}
              </ul>
              <Pager page={galleryPage} pages={galleryPages} param="entries" anchor="gallery" />
            </section>
          ) : null}

          {challenge.criteria.length > 0 ? (
            <section aria-labelledby="criteria">
              <h2 id="criteria" className="text-xl font-semibold text-slate-900">
                {t('challenges.criteria')}
              </h2>
              <div className="mt-4 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="border-b border-slate-200 text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        {t('challenges.criterion')}
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        {t('challenges.weight')}
                      </th>
                      <th scope="col" className="py-2 font-medium">
                        {t('challenges.maxScore')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {challenge.criteria.map((criterion) => (
                      <tr key={criterion.id} className="border-b border-slate-100 align-top">
                        <td className="py-3 pr-4">
                          <p className="font-medium text-slate-900">{criterion.name}</p>
                          {criterion.description ? <p className="mt-1 text-slate-700">{criterion.description}</p> : null}
                        </td>
                        <td className="py-3 pr-4 tabular-nums text-slate-800">{Math.round(criterion.share * 100)}%</td>
                        <td className="py-3 tabular-nums text-slate-800">{criterion.maxScore}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          {faq.length > 0 ? (
            <section aria-labelledby="faq">
              <h2 id="faq" className="text-xl font-semibold text-slate-900">
                {t('challenges.faq')}
              </h2>
              <dl className="mt-4 space-y-4">
                {faq.map((post) => (
                  <div key={post.id}>
                    <dt className="font-medium text-slate-900">{post.title}</dt>
                    <dd>
                      <PostBody automatic={post.automatic} body={post.body} html={post.html} />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {discussion ? <DiscussionSection discussion={discussion} actionData={actionData} intro={t('comments.intro.challenge')} /> : null}
        </div>

        <aside className="space-y-8">
          <section className="rounded-lg border border-slate-200 bg-slate-50 p-5" aria-label={t('challenges.takePart')}>
            <p className="text-slate-800">{t(`challenges.cta.${challenge.phase === 'draft' ? 'upcoming' : challenge.phase}`)}</p>
            {myEntry ? (
              <Link to={`/entries/${myEntry.id}`} className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800">
                {myEntry.status === 'draft' && challenge.phase === 'open' ? t('challenges.cta.continueDraft') : t('challenges.cta.viewEntry')}
              </Link>
            ) : isJudge ? (
              <p className="mt-3 text-sm text-slate-700">
                {challenge.phase === 'results' ? (
                  <>
                    {t('challenges.cta.youJudged')} <Link to={`/challenges/${challenge.slug}/results`}>{t('challenges.cta.seeResults')}</Link>
                  </>
                ) : (
                  <>
                    {t('challenges.cta.youJudge')} <Link to={`/judging/${challenge.slug}`}>{t('judging.openQueue')}</Link>
                  </>
                )}
              </p>
            ) : challenge.phase === 'open' && user ? (
              <Form method="post" className="mt-4">
                <button
                  type="submit"
                  disabled={navigation.state === 'submitting'}
                  className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                >
                  {t('challenges.cta.start')}
                </button>
              </Form>
            ) : !user && (challenge.phase === 'open' || challenge.phase === 'upcoming') ? (
              <Link
                to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}
                className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800"
              >
                {t('challenges.cta.signIn')}
              </Link>
            ) : challenge.phase === 'results' ? (
              <Link to={`/challenges/${challenge.slug}/results`} className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800">
                {t('challenges.cta.seeResults')}
              </Link>
            ) : null}
            {/* Shown whatever the CTA state: the phase or the user's role may
                have changed between page load and the click. */}
            {actionData && 'problem' in actionData ? (
              <p role="alert" className="mt-3 text-sm text-rose-700">
                {t(`challenges.startProblem.${actionData.problem}`)}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="timeline">
            <h2 id="timeline" className="text-lg font-semibold text-slate-900">
              {t('challenges.timeline')}
            </h2>
            <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-4">
              {timeline.map((item) => (
                <li key={item.label}>
                  <p className="text-sm text-slate-600">{item.label}</p>
                  <time dateTime={new Date(item.at).toISOString()} className="font-medium text-slate-900">
                    {format.dateTime(item.at)}
                  </time>
                </li>
              ))}
            </ol>
          </section>

          {challenge.prizes.trim() ? (
            <section aria-labelledby="prizes">
              <h2 id="prizes" className="text-lg font-semibold text-slate-900">
                {t('challenges.prizes')}
              </h2>
              <div className="prose-jdz mt-3 text-sm" dangerouslySetInnerHTML={{ __html: prizesHtml }} />
            </section>
          ) : null}

          <section aria-labelledby="rules" className="space-y-1 text-sm text-slate-700">
            <h2 id="rules" className="text-lg font-semibold text-slate-900">
              {t('challenges.entryKinds')}
            </h2>
            <p>{kinds.join(' · ')}</p>
            <p>{t('challenges.teamSize', { count: challenge.teamSizeLimit })}</p>
            {challenge.blindJudging ? <p>{t('challenges.blindJudging')}</p> : null}
            {challenge.peoplesChoice ? <p>{t('challenges.peoplesChoice')}</p> : null}
          </section>

          <section aria-labelledby="datasets">
            <h2 id="datasets" className="text-lg font-semibold text-slate-900">
              {t('challenges.datasets')}
            </h2>
            {challenge.datasets.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">{t('challenges.noDatasets')}</p>
            ) : (
              <ul className="mt-3 space-y-2">
                {challenge.datasets.map((dataset) => (
                  <li key={dataset.slug}>
                    <Link to={`/datasets/${dataset.slug}`} className="font-medium">
                      {dataset.title}
                    </Link>
                    <p className="text-xs text-slate-600">
                      {dataset.departmentName}
                      {dataset.accessLevel === 'conditional' ? ` · ${t('access.level.conditional')}` : ''}
                    </p>
                    {dataset.accessLevel === 'conditional' ? (
                      <Link to={`/datasets/${dataset.slug}/apply?challenge=${encodeURIComponent(challenge.slug)}`} className="text-xs">
                        {dataset.entrantAccess ? t('challenges.entrantAccess') : t('access.apply')}
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
