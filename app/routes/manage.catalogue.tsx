/**
 * The catalogue (政务信息资源目录) of the department: its export, and the import of an edited sheet
 * in two steps. The upload is stored and a signed ticket for it put in the address; the page then
 * shows what importing it would change (worked out in a worker, a page of each list at a time),
 * and only a confirmation applies it, all of it or nothing. Admins import for any department.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { DatasetStatusBadge } from '~/components/badges';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader, Pager } from '~/components/page';
import { managedDepartmentScope } from '~/lib/access';
import { CATALOGUE_COLUMNS, type CatalogueField } from '~/lib/catalogue/layout';
import { FILE_PROBLEM_MESSAGES, ISSUE_MESSAGES, type CatalogueIssue } from '~/lib/catalogue/parse';
import { isMessageKey } from '~/lib/i18n';
import { pageWindow } from '~/lib/paging';
import { refusalResponse, webActor } from '~/services/actors.server';
import { applyInWorker, CATALOGUE_MAX_ROWS, discardTicket, previewInWorker, readTicket, ticketForUpload } from '~/services/catalogue.server';
import { readPage } from '~/services/form-helpers.server';
import { retryAfterHeaders, uploadLimiter } from '~/services/rate-limit.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';
import { deleteUpload, FormTooLargeError, MalformedUploadError, maxUploadBytes, receiveUpload, UploadTooLargeError } from '~/services/uploads.server';

const PAGE_SIZE = 100;
const NOTICES = ['applied', 'discarded', 'expired', 'stale'] as const;
type Notice = (typeof NOTICES)[number];

async function requireImporter(request: Request) {
  const user = await requireRole(request, ['official', 'admin']);
  if (managedDepartmentScope(user) === null) throw new Response('Forbidden', { status: 403 });
  return user;
}

function here(params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `/manage/catalogue${query ? `?${query}` : ''}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireImporter(request);
  const url = new URL(request.url);
  const noticeParam = url.searchParams.get('notice');
  const notice: Notice | null = NOTICES.find((n) => n === noticeParam) ?? null;
  const count = (name: string) => Math.max(0, Number.parseInt(url.searchParams.get(name) ?? '0', 10) || 0);
  const base = {
    isAdmin: user.role === 'admin',
    departmentName: user.departmentName,
    limitMb: Math.round(maxUploadBytes() / 1024 / 1024),
    maxRows: CATALOGUE_MAX_ROWS,
    notice,
    applied: notice === 'applied' ? { create: count('created'), update: count('updated') } : null,
  };
  const ticketParam = url.searchParams.get('ticket');
  if (!ticketParam) return { ...base, upload: null };
  const ticket = readTicket(ticketParam, user);
  if (!ticket) return { ...base, notice: 'expired' as const, upload: null };
  const pages = { errors: readPage(url, 'errors'), notes: readPage(url, 'notes'), changes: readPage(url, 'changes') };
  const result = await previewInWorker(ticket, user, {
    errors: pageWindow(pages.errors, PAGE_SIZE),
    warnings: pageWindow(pages.notes, PAGE_SIZE),
    changes: pageWindow(pages.changes, PAGE_SIZE),
  });
  if (!result.ok) {
    if (result.problem.source === 'forbidden') throw new Response('Forbidden', { status: 403 });
    return { ...base, upload: { ticket: ticketParam, filename: ticket.filename, preview: null, problem: result.problem, pages } };
  }
  return { ...base, upload: { ticket: ticketParam, filename: ticket.filename, preview: result.preview, problem: null, pages } };
}

type UploadError = { code: string; params: Record<string, string | number> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireImporter(request);
  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const limited = await uploadLimiter.attempt(`user:${user.id}`, Date.now());
    if (!limited.allowed) {
      const error: UploadError = { code: 'rateLimited', params: { minutes: Math.ceil(limited.retryAfterMs / 60_000) } };
      return Response.json({ uploadError: error }, { status: 429, headers: retryAfterHeaders(limited.retryAfterMs) });
    }
    let received;
    try {
      received = await receiveUpload(request, 'file');
    } catch (error) {
      if (error instanceof UploadTooLargeError) return Response.json({ uploadError: { code: 'tooLarge', params: { limitMb: Math.round(maxUploadBytes() / 1024 / 1024) } } }, { status: 413 });
      if (error instanceof MalformedUploadError) return Response.json({ uploadError: { code: 'badFileName', params: {} } }, { status: 400 });
      if (error instanceof FormTooLargeError) throw new Response('Bad Request', { status: 400 });
      throw error;
    }
    const { upload } = received;
    if (!upload) return Response.json({ uploadError: { code: 'fileRequired', params: {} } }, { status: 400 });
    if (upload.byteSize === 0) {
      deleteUpload(upload.storageKey);
      return Response.json({ uploadError: { code: 'emptyFile', params: {} } }, { status: 400 });
    }
    const issued = ticketForUpload(upload, user);
    if (!issued.ok) return Response.json({ uploadError: { code: issued.code, params: issued.params } }, { status: 400 });
    return redirect(here({ ticket: issued.ticket }), 303);
  }

  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent !== 'confirm' && intent !== 'discard') throw new Response('Bad Request', { status: 400 });
  const ticketParam = String(form.get('ticket') ?? '');
  const ticket = readTicket(ticketParam, user);
  if (!ticket) return redirect(here({ notice: 'expired' }), 303);
  if (intent === 'discard') {
    discardTicket(ticket);
    return redirect(here({ notice: 'discarded' }), 303);
  }
  // Bulk changes to access levels: the second factor proved recently, as for publishing.
  requireRecentTwoFactor(user, request, here({ ticket: ticketParam }));
  const outcome = await applyInWorker(ticket, webActor(user, context), String(form.get('digest') ?? ''));
  if (outcome.ok) return redirect(here({ notice: 'applied', created: String(outcome.created), updated: String(outcome.updated) }), 303);
  switch (outcome.problem) {
    case 'stale':
      return redirect(here({ ticket: ticketParam, notice: 'stale' }), 303);
    case 'rowErrors':
      return redirect(here({ ticket: ticketParam }), 303);
    case 'unreadable':
      return redirect(here({ notice: 'expired' }), 303);
    default:
      throw refusalResponse({ kind: 'forbidden', code: 'forbidden', message: 'errors.forbidden.title' });
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'catalogue.title');

const DEFAULT_HEADERS = Object.fromEntries(CATALOGUE_COLUMNS.map((c) => [c.field, c.header])) as Record<CatalogueField, string>;

function useMessages() {
  const t = useT();
  return {
    issue: (issue: CatalogueIssue) => t(ISSUE_MESSAGES[issue.code], issue.params ?? {}),
    upload: (error: UploadError) => {
      if (error.code === 'fileRequired') return t('catalogue.file.required');
      if (error.code === 'unsupported') return t('catalogue.file.unsupported');
      const key = `import.error.${error.code}`;
      return isMessageKey(key) ? t(key, error.params) : t('import.error.internal');
    },
  };
}

export default function CataloguePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ uploadError?: UploadError }>();
  const t = useT();
  const format = useFormatters();
  const messages = useMessages();
  const { upload } = data;
  const preview = upload?.preview ?? null;
  const headerOf = (field: CatalogueField) => preview?.headers[field] ?? DEFAULT_HEADERS[field];
  const problemText = (() => {
    const problem = upload?.problem;
    if (!problem) return null;
    if (problem.source === 'catalogue') return t(FILE_PROBLEM_MESSAGES[problem.code], problem.params);
    return messages.upload({ code: problem.code, params: problem.params });
  })();

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to="/manage">← {t('manage.title')}</Link>
      </p>
      <div className="mt-2">
        <PageHeader title={t('catalogue.title')} intro={data.isAdmin ? `${t('catalogue.intro')} ${t('catalogue.introAdmin')}` : t('catalogue.intro')} />
      </div>

      {data.notice ? (
        <p role="status" className={`mt-6 rounded-md border p-3 text-sm ${data.notice === 'applied' || data.notice === 'discarded' ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`}>
          {data.notice === 'applied' && data.applied
            ? t('catalogue.applied', { create: format.number(data.applied.create), update: format.number(data.applied.update) })
            : t(`catalogue.${data.notice}`)}
        </p>
      ) : null}

      <p className="mt-6">
        <a href="/manage/catalogue.xlsx" download className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50">
          {data.isAdmin ? t('catalogue.exportAll') : t('catalogue.export')}
        </a>
      </p>

      {preview && upload ? (
        <section className="mt-10" aria-labelledby="catalogue-preview">
          <h2 id="catalogue-preview" className="text-xl font-semibold text-slate-900">
            {t('catalogue.previewHeading', { file: upload.filename })}
          </h2>
          <p className="mt-2 text-slate-800">
            {t('catalogue.totals', {
              rows: format.number(preview.totals.rows),
              create: format.number(preview.totals.create),
              update: format.number(preview.totals.update),
              unchanged: format.number(preview.totals.unchanged),
              errorRows: format.number(preview.totals.errorRows),
            })}
          </p>
          {preview.ignored.length > 0 ? <p className="mt-2 text-sm text-slate-600">{t('catalogue.ignoredColumns', { columns: preview.ignored.join('、') })}</p> : null}

          {preview.errors.total > 0 ? (
            <p role="alert" className="mt-4 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
              {t('catalogue.hasErrors', { count: format.number(preview.errors.total) })}
            </p>
          ) : preview.changes.total > 0 ? (
            <p className="mt-4 text-sm text-slate-700">{t('catalogue.notApplied')}</p>
          ) : (
            <p className="mt-4 text-sm text-slate-700">{t('catalogue.noChanges')}</p>
          )}

          <Form method="post" className="mt-4 flex flex-wrap gap-3">
            <input type="hidden" name="ticket" value={upload.ticket} />
            <input type="hidden" name="digest" value={preview.digest} />
            {preview.errors.total === 0 && preview.changes.total > 0 ? (
              <button type="submit" name="intent" value="confirm" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
                {t('catalogue.confirm')}
              </button>
            ) : null}
            <button type="submit" name="intent" value="discard" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
              {t('catalogue.discard')}
            </button>
          </Form>

          {preview.errors.total > 0 ? (
            <IssueTable id="catalogue-errors" title={t('catalogue.errorsHeading')} list={preview.errors} page={upload.pages.errors} param="errors" headerOf={headerOf} text={messages.issue} />
          ) : null}

          {preview.changes.total > 0 ? (
            <section className="mt-8" aria-labelledby="catalogue-changes">
              <h3 id="catalogue-changes" className="text-lg font-semibold text-slate-900">
                {t('catalogue.changesHeading')}
              </h3>
              <Shown total={preview.changes.total} page={upload.pages.changes} />
              <div className="mt-2 overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <thead>
                    <tr className="text-left text-slate-600">
                      <th scope="col" className="py-2 pr-4 font-medium">{t('catalogue.col.line')}</th>
                      <th scope="col" className="py-2 pr-4 font-medium">{t('catalogue.col.dataset')}</th>
                      <th scope="col" className="py-2 font-medium">{t('catalogue.col.change')}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.changes.items.map((row) => (
                      <tr key={row.line} className="align-top">
                        <td className="py-2 pr-4 tabular-nums">{row.line}</td>
                        <td className="py-2 pr-4">
                          <span className="font-medium">{row.kind === 'create' ? t('catalogue.kind.create') : t('catalogue.kind.update')}</span>{' '}
                          {row.slug ? <Link to={`/manage/datasets/${row.slug}`}>{row.title}</Link> : row.title}
                          {data.isAdmin && row.departmentName ? <span className="block text-slate-600">{row.departmentName}</span> : null}
                          {row.kind === 'update' ? (
                            <span className="mt-1 block">
                              {row.status === 'published' ? <span className="text-xs font-medium text-amber-800">{t('catalogue.publishedNote')}</span> : <DatasetStatusBadge status={row.status} />}
                            </span>
                          ) : null}
                        </td>
                        <td className="py-2">
                          <ul className="space-y-1">
                            {row.changes.map((change) => (
                              <li key={change.field}>
                                <span className="font-medium">{headerOf(change.field)}</span>
                                {': '}
                                {row.kind === 'update' ? (
                                  <>
                                    <del className="text-slate-500">{change.before || t('catalogue.emptyValue')}</del> → <ins className="no-underline">{change.after || t('catalogue.emptyValue')}</ins>
                                  </>
                                ) : (
                                  <span>{change.after || t('catalogue.emptyValue')}</span>
                                )}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={upload.pages.changes} pages={Math.max(1, Math.ceil(preview.changes.total / PAGE_SIZE))} param="changes" anchor="catalogue-changes" />
            </section>
          ) : null}

          {preview.warnings.total > 0 ? (
            <IssueTable id="catalogue-notes" title={t('catalogue.warningsHeading')} list={preview.warnings} page={upload.pages.notes} param="notes" headerOf={headerOf} text={messages.issue} />
          ) : null}
        </section>
      ) : (
        <section className="mt-10" aria-labelledby="catalogue-import">
          <h2 id="catalogue-import" className="text-xl font-semibold text-slate-900">
            {t('catalogue.importHeading')}
          </h2>
          {problemText ? (
            <p role="alert" className="mt-4 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
              {t('catalogue.fileProblem', { problem: problemText })}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" reloadDocument className="mt-4 space-y-4">
            <div>
              <label htmlFor="catalogue-file" className="block text-sm font-medium text-slate-800">
                {t('catalogue.file')}
              </label>
              <input
                id="catalogue-file"
                name="file"
                type="file"
                required
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-describedby="catalogue-file-hint"
                aria-invalid={actionData?.uploadError ? true : undefined}
                className="mt-1 block w-full text-sm"
              />
              <p id="catalogue-file-hint" className="mt-1 text-sm text-slate-600">
                {t('catalogue.importHint', { limitMb: data.limitMb, maxRows: format.number(data.maxRows) })}
              </p>
              {actionData?.uploadError ? (
                <p role="alert" className="mt-1 text-sm text-rose-700">
                  {messages.upload(actionData.uploadError)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              {t('catalogue.upload')}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

function Shown({ total, page }: { total: number; page: number }) {
  const t = useT();
  const format = useFormatters();
  const from = Math.min(total, (page - 1) * PAGE_SIZE + 1);
  const to = Math.min(total, page * PAGE_SIZE);
  return <p className="mt-1 text-sm text-slate-600">{t('catalogue.shownOf', { from: format.number(from), to: format.number(to), total: format.number(total) })}</p>;
}

function IssueTable({
  id,
  title,
  list,
  page,
  param,
  headerOf,
  text,
}: {
  id: string;
  title: string;
  list: { total: number; items: CatalogueIssue[] };
  page: number;
  param: string;
  headerOf: (field: CatalogueField) => string;
  text: (issue: CatalogueIssue) => string;
}) {
  const t = useT();
  return (
    <section className="mt-8" aria-labelledby={id}>
      <h3 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h3>
      <Shown total={list.total} page={page} />
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="py-2 pr-4 font-medium">{t('catalogue.col.line')}</th>
              <th scope="col" className="py-2 pr-4 font-medium">{t('catalogue.col.column')}</th>
              <th scope="col" className="py-2 font-medium">{t('catalogue.col.problem')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.items.map((issue, i) => (
              <tr key={`${issue.line}-${issue.field}-${i}`} className="align-top">
                <td className="py-2 pr-4 tabular-nums">{issue.line}</td>
                <td className="py-2 pr-4">{headerOf(issue.field)}</td>
                <td className="py-2">{text(issue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} param={param} anchor={id} />
    </section>
  );
}
