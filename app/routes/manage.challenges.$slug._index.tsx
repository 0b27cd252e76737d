import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { PhaseBadge } from '~/components/badges';
import { PostBody } from '~/components/challenge-posts';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { ManageHeader, Pager } from '~/components/page';
import type { MessageKey } from '~/lib/i18n';
import { emailField } from '~/lib/validation/auth';
import { addChallengePost, deleteChallengePost, inviteJudge, publishChallenge, removeJudge } from '~/actions/challenges.server';
import { getManagedChallenge, listManagedEntries } from '~/models/challenge-management.server';
import { pageWindow } from '~/lib/paging';
import { readIntent, readPage } from '~/services/form-helpers.server';
import { renderMarkdown } from '~/services/markdown.server';
import { refusalResponse, valueOrThrow, webActor } from '~/services/actors.server';
import { requireRole } from '~/services/session.server';

const ENTRIES_PAGE_SIZE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const challenge = await getManagedChallenge(params.slug ?? '', user, new Date());
  if (!challenge) throw new Response('Not Found', { status: 404 });
  const page = readPage(new URL(request.url), 'entries');
  const { entries, total } = await listManagedEntries(challenge.id, pageWindow(page, ENTRIES_PAGE_SIZE));
  return {
    challenge: {
      slug: challenge.slug,
      title: challenge.settings.title,
      status: challenge.status,
      phase: challenge.phase,
      departmentName: challenge.departmentName,
      closesAt: challenge.settings.closesAt,
      draftCount: challenge.draftCount,
    },
    judges: challenge.judges,
    entries,
    entryCount: total,
    entryPage: page,
    entryPages: Math.max(1, Math.ceil(total / ENTRIES_PAGE_SIZE)),
    posts: challenge.posts.map((p) => ({ ...p, html: p.automatic ? '' : renderMarkdown(p.body) })),
  };
}

type ActionResult = { form: 'post' | 'judge' | 'publish'; error?: MessageKey; ok?: MessageKey; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const user = await requireRole(request, ['official', 'admin']);
  const now = new Date();
  const challenge = await getManagedChallenge(params.slug ?? '', user, now);
  if (!challenge) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const intent = readIntent(form);
  const actor = webActor(user, context);

  switch (intent.name) {
    case 'publish': {
      const result = await publishChallenge(actor, challenge.id, now);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        return { form: 'publish', error: result.problem.message };
      }
      return redirect(`/manage/challenges/${challenge.slug}`);
    }
    case 'post': {
      const kind = form.get('kind') === 'faq' ? 'faq' : 'announcement';
      const title = String(form.get('title') ?? '').trim();
      const body = String(form.get('body') ?? '').trim();
      const values = { kind, title, body };
      if (kind === 'faq' && !title) return { form: 'post', error: 'errors.post.questionRequired', values };
      if (!body) return { form: 'post', error: 'errors.post.bodyRequired', values };
      if ([...title].length > 200 || [...body].length > 10_000) return { form: 'post', error: 'errors.post.tooLong', values };
      valueOrThrow(await addChallengePost(actor, challenge.id, { kind, title, body }));
      return redirect(`/manage/challenges/${challenge.slug}#posts`);
    }
    case 'delete-post': {
      if (intent.id === null) throw new Response('Not Found', { status: 404 });
      valueOrThrow(await deleteChallengePost(actor, challenge.id, intent.id));
      return redirect(`/manage/challenges/${challenge.slug}#posts`);
    }
    case 'invite-judge': {
      const raw = String(form.get('email') ?? '');
      const email = emailField.safeParse(raw);
      if (!email.success) return { form: 'judge', error: 'errors.email.invalid', values: { email: raw } };
      const result = await inviteJudge(actor, challenge.id, email.data, now);
      if (!result.ok) {
        if (!result.problem.field) throw refusalResponse(result.problem);
        return { form: 'judge', error: result.problem.message, values: { email: raw } };
      }
      return { form: 'judge', ok: result.value.assigned ? 'manage.judgeAssigned' : 'manage.judgeInvited' };
    }
    case 'remove-judge': {
      if (intent.id === null) throw new Response('Not Found', { status: 404 });
      valueOrThrow(await removeJudge(actor, challenge.id, intent.id));
      return redirect(`/manage/challenges/${challenge.slug}#judges`);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: data.challenge.title }) : pageMeta(matches, 'manage.title'));

export default function ManageChallengePage() {
  const { challenge, judges, entries, entryCount, entryPage, entryPages, posts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const published = challenge.status === 'published';
  const postError = actionData?.form === 'post' ? actionData.error : undefined;
  const judgeResult = actionData?.form === 'judge' ? actionData : undefined;

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <ManageHeader
        title={challenge.title}
        badge={<PhaseBadge phase={challenge.phase} />}
        facts={`${challenge.departmentName} · ${t('challenges.closesAt')}：${format.dateTime(challenge.closesAt)}`}
        links={[
          { to: 'edit', label: t('manage.editChallenge') },
          { to: `/challenges/${challenge.slug}`, label: published ? t('manage.viewPublic') : t('manage.preview') },
          ...(published
            ? [
                { to: 'judging', label: t('manage.judgingLink') },
                { to: 'results', label: t('manage.resultsLink') },
              ]
            : []),
        ]}
      />

      {!published ? (
        <section className="mt-8 rounded-lg border border-slate-200 bg-slate-50 p-5" aria-labelledby="publication">
          <h2 id="publication" className="text-lg font-semibold text-slate-900">
            {t('manage.publication')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('manage.challengeDraftNotice')}</p>
          {actionData?.form === 'publish' && actionData.error ? (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              {t(actionData.error)}
            </p>
          ) : null}
          <ConfirmForm message={t('manage.confirmPublishChallenge')} className="mt-4">
            <ActionButton intent="publish" tone="primary">
              {t('manage.publish')}
            </ActionButton>
          </ConfirmForm>
        </section>
      ) : null}

      <section className="mt-10" aria-labelledby="entries">
        <h2 id="entries" className="text-xl font-semibold text-slate-900">
          {t('manage.entries', { count: entryCount })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('manage.draftsInProgress', { count: challenge.draftCount })}</p>
        {entries.length > 0 ? (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <Link to={`/entries/${entry.id}`} className="font-medium">
                  {entry.title || t('entry.untitled')}
                </Link>
                <span className="text-slate-600">
                  {t(`kind.${entry.kind}`)} · {t(`entry.status.${entry.status}`)}
                  {entry.submittedAt ? ` · ${format.dateTime(entry.submittedAt)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <Pager page={entryPage} pages={entryPages} param="entries" anchor="entries" />
      </section>

      <section className="mt-10" aria-labelledby="posts-title" id="posts">
        <h2 id="posts-title" className="text-xl font-semibold text-slate-900">{t('manage.postsTitle')}</h2>
        <Form method="post" className="mt-4 space-y-3 rounded-lg border border-slate-200 p-4">
          <input type="hidden" name="intent" value="post" />
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">{t('manage.postKind')}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" value="announcement" defaultChecked={actionData?.values?.kind !== 'faq'} />
              {t('challenges.announcements')}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" value="faq" defaultChecked={actionData?.values?.kind === 'faq'} />
              {t('challenges.faq')}
            </label>
          </fieldset>
          <div>
            <label htmlFor="post-title" className="block text-sm font-medium text-slate-800">
              {t('manage.postTitle')}
            </label>
            <input id="post-title" name="title" defaultValue={actionData?.values?.title ?? ''} maxLength={200} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="post-body" className="block text-sm font-medium text-slate-800">
              {t('manage.postBody')}
            </label>
            <textarea
              id="post-body"
              name="body"
              rows={4}
              defaultValue={actionData?.values?.body ?? ''}
              aria-invalid={postError ? true : undefined}
              aria-describedby={postError ? 'post-error' : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
          <ErrorList id="post-error" errors={postError ? [postError] : undefined} />
          <button type="submit" disabled={navigation.state === 'submitting'} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('manage.publishPost')}
          </button>
        </Form>
        <ul className="mt-4 space-y-3">
          {posts.map((post) => (
            <li key={post.id} className="rounded-lg border border-slate-200 p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="text-xs text-slate-600">
                  {post.kind === 'faq' ? t('challenges.faq') : t('challenges.announcements')} · {format.dateTime(post.createdAt)}
                </p>
                <ConfirmForm message={t('manage.confirmDeletePost')}>
                  <ActionButton intent="delete-post" value={String(post.id)} tone="danger">
                    {t('manage.deleteResource')}
                  </ActionButton>
                </ConfirmForm>
              </div>
              {post.title ? <p className="mt-1 font-medium text-slate-900">{post.title}</p> : null}
              <PostBody automatic={post.automatic} body={post.body} html={post.html} />
            </li>
          ))}
        </ul>
      </section>

      <section className="mt-10" aria-labelledby="judges-title" id="judges">
        <h2 id="judges-title" className="text-xl font-semibold text-slate-900">{t('manage.judges')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('manage.judgesIntro')}</p>
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="invite-judge" />
          <div className="min-w-[16rem] flex-1">
            <label htmlFor="judge-email" className="block text-sm font-medium text-slate-800">
              {t('auth.field.email')}
            </label>
            <input
              id="judge-email"
              name="email"
              type="email"
              defaultValue={judgeResult?.values?.email ?? ''}
              aria-invalid={judgeResult?.error ? true : undefined}
              aria-describedby={judgeResult?.error ? 'judge-error' : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t('manage.inviteJudge')}
          </button>
        </Form>
        <ErrorList id="judge-error" errors={judgeResult?.error ? [judgeResult.error] : undefined} />
        {judgeResult?.ok ? (
          <p role="status" className="mt-2 text-sm text-emerald-800">
            {t(judgeResult.ok)}
          </p>
        ) : null}
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200">
          {judges.length === 0 ? <li className="p-3 text-sm text-slate-700">{t('manage.noJudges')}</li> : null}
          {judges.map((judge) => (
            <li key={judge.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                <span className="font-medium text-slate-900">{judge.name ?? judge.email}</span>
                {judge.name ? <span className="text-slate-600"> · {judge.email}</span> : null}
                <span className="ml-2 text-slate-600">{judge.userId ? t('manage.judgeActive') : t('manage.judgePending')}</span>
              </span>
              <ConfirmForm message={t('manage.confirmRemoveJudge', { name: judge.name ?? judge.email })}>
                <ActionButton intent="remove-judge" value={String(judge.id)} tone="danger">
                  {t('manage.removeJudge')}
                </ActionButton>
              </ConfirmForm>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
