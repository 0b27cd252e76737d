/**
 * Privacy review of one resource, for its department: what the scan found (examples already
 * masked), a decision for each column, the re-identification check on quasi-identifiers, a
 * preview of the upload (department only), and purging the upload once a de-identified copy is
 * what is served.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ActionButton, ConfirmForm, ErrorList, Field } from '~/components/forms';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { DEFAULT_MASK } from '~/lib/privacy/masking';
import { DEFAULT_K, MAX_KEEP, parseDecision, parseKAnonymity, REASON_MAX, type DecisionErrors } from '~/lib/validation/privacy';
import { getManagedDataset } from '~/models/datasets.server';
import { decideColumn, purgeRawUpload, setSuppression, undoDecision } from '~/actions/privacy.server';
import { getPrivacyReview, kAnonymityReport } from '~/models/privacy.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { readIntent, requireIdParam } from '~/services/form-helpers.server';
import { requireRecentTwoFactor, requireRole } from '~/services/session.server';
import { GENERALISATIONS } from '~/lib/vocabulary';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  const review = dataset ? await getPrivacyReview(user, requireIdParam(params.id)) : undefined;
  if (!dataset || !review || review.resource.datasetSlug !== dataset.slug) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  const check = url.searchParams.has('qi') ? parseKAnonymity(url.searchParams) : null;
  return {
    dataset: { slug: dataset.slug, title: dataset.title, status: dataset.status },
    ...review,
    kReport: check ? (await kAnonymityReport(user, review.resource.id, check.columns, check.k) ?? null) : null,
    // Sent from here so the schema module stays out of the browser bundle.
    generalisations: [...GENERALISATIONS],
  };
}

type PageProblem = 'rawPurged' | 'unknownColumn' | 'purgeRefused' | 'suppressionInvalid';
type ActionData = { kind: 'decision'; column: string; errors: DecisionErrors; values: Record<string, string> } | { kind: 'problem'; message: PageProblem };

export async function action({ request, params, context }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  const resourceId = requireIdParam(params.id);
  const review = await getPrivacyReview(user, resourceId);
  if (!review || review.resource.datasetSlug !== dataset.slug) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const intent = readIntent(form).name;
  // On a published dataset a decision changes what the public gets at once: confirm the second factor.
  if (dataset.status === 'published') requireRecentTwoFactor(user, request);
  const here = `/manage/datasets/${dataset.slug}/resources/${resourceId}/privacy`;
  const actor = webActor(user, context);
  switch (intent) {
    case 'decide': {
      const parsed = parseDecision(form);
      if (!parsed.ok) return { kind: 'decision', column: parsed.values.column ?? '', errors: parsed.errors, values: parsed.values };
      const result = await decideColumn(actor, resourceId, parsed.value);
      if (!result.ok) {
        if (result.problem.kind === 'notFound') throw refusalResponse(result.problem);
        return { kind: 'problem', message: result.problem.code as PageProblem };
      }
      return redirect(`${here}#column-${encodeURIComponent(parsed.value.column)}`);
    }
    case 'undo': {
      // The page says one thing whatever stopped it (no such decision, or the upload is gone): decisions cannot change now.
      if (!(await undoDecision(actor, resourceId, String(form.get('column') ?? ''))).ok) return { kind: 'problem', message: 'rawPurged' };
      return redirect(here);
    }
    case 'suppress': {
      const { columns, k } = parseKAnonymity(form);
      if (!(await setSuppression(actor, resourceId, { columns, k })).ok) return { kind: 'problem', message: 'suppressionInvalid' };
      return redirect(`${here}?${new URLSearchParams([...columns.map((c) => ['qi', c]), ['k', String(k)]])}#risk`);
    }
    case 'unsuppress': {
      // Nothing to stop (the upload is gone, say) is not worth a message: the page shows what is in force.
      await setSuppression(actor, resourceId, null);
      return redirect(`${here}#risk`);
    }
    case 'purge': {
      requireRecentTwoFactor(user, request);
      if (!(await purgeRawUpload(actor, resourceId)).ok) return { kind: 'problem', message: 'purgeRefused' };
      return redirect(here);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => (data ? pageMeta(matches, { literal: `${data.resource.name} · ${data.dataset.title}` }) : pageMeta(matches, 'manage.title'));

const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';

export default function PrivacyPage() {
  const { dataset, resource, findings, decisions, unresolved, rawPreview, kReport, generalisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormatters();
  const byColumn = new Map(decisions.map((d) => [d.column, d]));
  const flagged = new Map<string, typeof findings>();
  for (const f of findings) flagged.set(f.column, [...(flagged.get(f.column) ?? []), f]);
  // Flagged columns first, in upload order; then the rest, which can be decided about too.
  const ordered = [...resource.rawColumns.filter((c) => flagged.has(c.name)), ...resource.rawColumns.filter((c) => !flagged.has(c.name))];
  const invalid = actionData?.kind === 'decision' ? actionData : null;
  const busy = navigation.state === 'submitting';
  const kColumns = new Set(kReport?.columns ?? resource.suppression?.columns ?? []);
  const servedColumns = resource.served ? resource.columns : resource.rawColumns;

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <p className="text-sm">
        <Link to={`/manage/datasets/${dataset.slug}`}>← {dataset.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{t('privacy.title', { name: resource.name })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('privacy.intro')}</p>

      <div
        role="status"
        className={`mt-6 rounded-lg border p-4 ${unresolved.length > 0 ? 'border-rose-200 bg-rose-50 text-rose-900' : 'border-emerald-200 bg-emerald-50 text-emerald-900'}`}
      >
        {!resource.rawAvailable && !resource.served ? (
          <p>{t('privacy.status.noUpload')}</p>
        ) : unresolved.length > 0 ? (
          <p>{t('privacy.status.blocked', { columns: unresolved.join('、') })}</p>
        ) : resource.servedIsUpload ? (
          <p>{findings.length > 0 ? t('privacy.status.asUploadedAfterReview') : t('privacy.status.clean')}</p>
        ) : (
          <p>{t('privacy.status.deidentified', { rows: format.number(resource.rowCount ?? 0), raw: format.number(resource.rawRowCount ?? 0) })}</p>
        )}
      </div>
      {actionData?.kind === 'problem' ? (
        <p role="alert" className="mt-3 text-sm text-rose-700">
          {t(`privacy.problem.${actionData.message as PageProblem}`)}
        </p>
      ) : null}

      <section className="mt-10" aria-labelledby="columns">
        <h2 id="columns" className="text-xl font-semibold text-slate-900">
          {t('privacy.columns')}
        </h2>
        {!resource.rawAvailable ? <p className="mt-2 text-sm text-slate-700">{t('privacy.rawPurgedNote')}</p> : null}
        <ul className="mt-4 space-y-4">
          {ordered.map((column) => {
            const found = flagged.get(column.name) ?? [];
            const decision = byColumn.get(column.name);
            const mine = invalid?.column === column.name ? invalid : null;
            const defaults = found[0] ? DEFAULT_MASK[found[0].detector] : { keepStart: 1, keepEnd: 1 };
            const chosen = mine?.values.action ?? decision?.action ?? '';
            const id = (suffix: string) => `c-${ordered.indexOf(column)}-${suffix}`;
            return (
              <li
                key={column.name}
                id={`column-${encodeURIComponent(column.name)}`}
                className={`rounded-lg border p-4 ${found.length > 0 && !decision ? 'border-rose-300' : 'border-slate-200'}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold text-slate-900">{column.name}</h3>
                  {decision ? (
                    <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-900">
                      {t(`privacy.action.${decision.action}`)}
                    </span>
                  ) : found.length > 0 ? (
                    <span className="rounded-full bg-rose-100 px-2.5 py-0.5 text-xs font-semibold text-rose-900">{t('privacy.unresolved')}</span>
                  ) : null}
                </div>
                {found.map((f) => (
                  <p key={f.detector} className="mt-1 text-sm text-slate-800">
                    {t('privacy.finding', { detector: t(`privacy.detector.${f.detector}`), percent: (f.share * 100).toFixed(f.share < 0.1 ? 1 : 0), matched: format.number(f.matched), total: format.number(f.nonEmpty) })}
                    {f.examples.length > 0 ? <span className="text-slate-600"> {t('privacy.examples', { examples: f.examples.join('，') })}</span> : null}
                  </p>
                ))}
                {decision ? (
                  <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-700">
                    <span>
                      {t('privacy.decidedAt', { time: format.dateTime(decision.decidedAt) })}
                      {decision.reason ? ` · ${decision.reason}` : ''}
                    </span>
                    {resource.rawAvailable ? (
                      <Form method="post">
                        <input type="hidden" name="column" value={column.name} />
                        <ActionButton intent="undo">{t('privacy.undo')}</ActionButton>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
                {resource.rawAvailable ? (
                  <details className="mt-3" open={Boolean(mine) || (found.length > 0 && !decision)}>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{decision ? t('privacy.changeDecision') : t('privacy.decide')}</summary>
                    <Form method="post" className="mt-3 space-y-3">
                      <input type="hidden" name="column" value={column.name} />
                      <fieldset>
                        <legend className="text-sm font-medium text-slate-800">{t('privacy.howToPublish', { column: column.name })}</legend>
                        <div className="mt-2 grid gap-2 sm:grid-cols-2">
                          {(['mask', 'pseudonymise', 'generalise', 'drop', 'notPersonal'] as const).map((action) => (
                            <label key={action} className="flex items-start gap-2 text-sm">
                              <input type="radio" name="action" value={action} defaultChecked={chosen === action} className="mt-1" />
                              <span>
                                <span className="font-medium text-slate-900">{t(`privacy.action.${action}`)}</span>
                                <span className="block text-slate-600">{t(`privacy.actionHint.${action}`)}</span>
                              </span>
                            </label>
                          ))}
                        </div>
                        <ErrorList errors={mine?.errors.action ? [mine.errors.action] : undefined} />
                      </fieldset>
                      <div className="grid gap-3 sm:grid-cols-3">
                        {(['keepStart', 'keepEnd'] as const).map((field) => (
                          <Field
                            key={field}
                            label={t(`privacy.${field}`)}
                            errorId={id(`${field}-error`)}
                            errors={mine?.errors[field] ? [mine.errors[field]] : null}
                            inputProps={{
                              id: id(field),
                              name: field,
                              type: 'number',
                              min: 0,
                              max: MAX_KEEP,
                              defaultValue: mine?.values[field] ?? String(decision?.params[field] ?? defaults[field]),
                            }}
                          />
                        ))}
                        <label className="flex items-end gap-2 pb-2 text-sm text-slate-800">
                          <input type="checkbox" name="embedded" defaultChecked={mine ? mine.values.embedded === 'on' : Boolean(decision?.params.embedded)} />
                          {t('privacy.embedded')}
                        </label>
                      </div>
                      <div className="max-w-xs">
                        <label htmlFor={id('to')} className="block text-sm text-slate-800">
                          {t('privacy.generaliseTo')}
                        </label>
                        <select
                          id={id('to')}
                          name="to"
                          defaultValue={mine?.values.to ?? decision?.params.to ?? ''}
                          aria-invalid={mine?.errors.to ? true : undefined}
                          aria-describedby={mine?.errors.to ? id('to-error') : undefined}
                          className={inputClass}
                        >
                          <option value="">—</option>
                          {generalisations.map((g) => (
                            <option key={g} value={g}>
                              {t(`privacy.generalise.${g}`)}
                            </option>
                          ))}
                        </select>
                        <ErrorList id={id('to-error')} errors={mine?.errors.to ? [mine.errors.to] : undefined} />
                      </div>
                      <div>
                        <label htmlFor={id('reason')} className="block text-sm text-slate-800">
                          {t('privacy.reason')}
                        </label>
                        <textarea
                          id={id('reason')}
                          name="reason"
                          rows={2}
                          maxLength={REASON_MAX}
                          defaultValue={mine?.values.reason ?? decision?.reason ?? ''}
                          aria-invalid={mine?.errors.reason ? true : undefined}
                          aria-describedby={mine?.errors.reason ? id('reason-error') : id('reason-hint')}
                          className={inputClass}
                        />
                        <p id={id('reason-hint')} className="mt-1 text-sm text-slate-600">
                          {t('privacy.reasonHint')}
                        </p>
                        <ErrorList id={id('reason-error')} errors={mine?.errors.reason ? [mine.errors.reason] : undefined} />
                      </div>
                      <ActionButton intent="decide" tone="primary" disabled={busy}>
                        {t('privacy.saveDecision')}
                      </ActionButton>
                    </Form>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="mt-10" aria-labelledby="risk-title" id="risk">
        <h2 id="risk-title" className="text-xl font-semibold text-slate-900">
          {t('privacy.risk')}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('privacy.riskIntro')}</p>
        <Form method="get" className="mt-3 space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t('privacy.quasiIdentifiers')}</legend>
            <div className="mt-2 flex flex-wrap gap-3">
              {servedColumns.map((c) => (
                <label key={c.name} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="qi" value={c.name} defaultChecked={kColumns.has(c.name)} />
                  {c.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex items-end gap-3">
            <div>
              <label htmlFor="k" className="block text-sm text-slate-800">
                {t('privacy.kThreshold')}
              </label>
              <input id="k" name="k" type="number" min={2} max={100} defaultValue={kReport?.k ?? resource.suppression?.k ?? DEFAULT_K} className="mt-1 block w-24 rounded-md border border-slate-300 px-3 py-2" />
            </div>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
              {t('privacy.check')}
            </button>
          </div>
        </Form>
        {kReport?.result ? (
          <div className="mt-4 rounded-md border border-slate-200 p-4 text-sm">
            <p className="font-medium text-slate-900">
              {t('privacy.kResult', { k: kReport.result.k ?? 0, groups: format.number(kReport.result.groups), table: kReport.onServed ? t('privacy.onServed') : t('privacy.onUpload') })}
            </p>
            {kReport.result.smallGroups > 0 ? (
              <>
                <p className="mt-1 text-rose-800">{t('privacy.smallGroups', { count: format.number(kReport.result.smallGroups), rows: format.number(kReport.result.rowsInSmallGroups), k: kReport.k })}</p>
                <div className="mt-2 overflow-x-auto">
                  <table className="text-left text-sm">
                    <thead className="text-slate-600">
                      <tr>
                        {kReport.columns.map((c) => (
                          <th key={c} scope="col" className="py-1 pr-4 font-medium">
                            {c}
                          </th>
                        ))}
                        <th scope="col" className="py-1 font-medium">
                          {t('privacy.groupSize')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {kReport.result.smallest.slice(0, 20).map((group, i) => (
                        <tr key={i} className="border-t border-slate-100">
                          {group.values.map((v, j) => (
                            <td key={j} className="py-1 pr-4">
                              {v === null ? '—' : String(v)}
                            </td>
                          ))}
                          <td className="py-1 tabular-nums">{group.size}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="mt-2 text-slate-700">{t('privacy.generaliseFurther')}</p>
                {resource.rawAvailable ? (
                  <Form method="post" className="mt-2">
                    {kReport.columns.map((c) => (
                      <input key={c} type="hidden" name="qi" value={c} />
                    ))}
                    <input type="hidden" name="k" value={kReport.k} />
                    <ActionButton intent="suppress" tone="danger" disabled={busy}>
                      {t('privacy.suppress', { rows: format.number(kReport.result.rowsInSmallGroups) })}
                    </ActionButton>
                  </Form>
                ) : null}
              </>
            ) : (
              <p className="mt-1 text-emerald-800">{t('privacy.kOk', { k: kReport.k })}</p>
            )}
          </div>
        ) : kReport ? (
          <p className="mt-3 text-sm text-slate-700">{t('privacy.pickColumns')}</p>
        ) : null}
        {resource.suppression ? (
          <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-800">
            <span>{t('privacy.suppressionOn', { columns: resource.suppression.columns.join('、'), k: resource.suppression.k })}</span>
            {resource.rawAvailable ? (
              <Form method="post">
                <ActionButton intent="unsuppress">{t('privacy.suppressionOff')}</ActionButton>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>

      {resource.rawAvailable && rawPreview.length > 0 ? (
        <section className="mt-10" aria-labelledby="raw">
          <h2 id="raw" className="text-xl font-semibold text-slate-900">
            {t('privacy.rawPreview')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('privacy.rawPreviewHint')}</p>
          <div className="mt-3 overflow-x-auto">
            <table className="text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  {resource.rawColumns.map((c) => (
                    <th key={c.name} scope="col" className="py-1.5 pr-4 font-medium">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rawPreview.map((row, i) => (
                  <tr key={i} className="border-b border-slate-100">
                    {resource.rawColumns.map((c) => (
                      <td key={c.name} className="whitespace-nowrap py-1.5 pr-4">
                        {row[c.name] === null || row[c.name] === undefined ? '' : String(row[c.name])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {resource.served && !resource.servedIsUpload ? (
            <ConfirmForm message={t('privacy.confirmPurge')} className="mt-4">
              <ActionButton intent="purge" tone="danger">
                {t('privacy.purge')}
              </ActionButton>
            </ConfirmForm>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
