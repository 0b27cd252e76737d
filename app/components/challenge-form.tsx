/**
 * The challenge form: brief with a live Markdown preview, timeline, rules, a rubric whose rows can
 * be added, removed and reordered (with or without JavaScript), and a searchable dataset picker.
 */
import { getFormProps, getInputProps, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { weightShares } from '~/lib/challenge-rules';
import { challengeSchema, MAX_CRITERIA, MAX_TEAM_SIZE, type ChallengeFormValues } from '~/lib/validation/challenge';
import { ErrorList, FormField, SubmitButton, TextareaField, useValidatedForm } from './forms';
import { useRootData, useT } from './i18n';
import { isBeijingTime, zoneDisplayName } from '~/lib/zoned-time';
import { useHydrated } from './use-hydrated';

/** What the form shows: the validated form values (times as local text), or what was typed. */
export type ChallengeFormDefaults = ChallengeFormValues;

/** Renders Markdown through the server (the only place HTML is sanitised), shortly after typing stops. */
function MarkdownPreview({ source, label }: { source: string; label: string }) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch('/markdown/preview', { method: 'POST', body: new URLSearchParams({ source }), signal: controller.signal });
        if (response.ok) setHtml(((await response.json()) as { html: string }).html);
      } catch {
        // A preview that fails to load is simply not updated.
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source]);
  return (
    <section aria-label={label} className="rounded-md border border-slate-200 bg-slate-50 p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <div className="prose-jdz mt-2 text-sm" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

export function ChallengeForm({
  lastResult,
  defaults,
  datasetOptions,
  slugEditable,
  departments,
  submitLabel,
  frozen,
  hiddenFields,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: ChallengeFormDefaults;
  datasetOptions: { slug: string; title: string; departmentName: string; accessLevel?: string }[];
  slugEditable: boolean;
  departments?: { id: number; name: string }[];
  submitLabel: string;
  /** What the current phase no longer allows to change, to say so next to the fields. */
  frozen: { opensAt: boolean; criteria: boolean };
  /** Sent along unchanged (e.g. the data request a new challenge answers). */
  hiddenFields?: Record<string, string>;
}) {
  const t = useT();
  const { timeZone, locale } = useRootData();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const schema = useMemo(() => challengeSchema(timeZone), [timeZone]);
  const flag = (value: boolean) => (value ? 'on' : '');
  const [form, fields] = useValidatedForm(schema, {
    id: 'challenge',
    lastResult,
    defaultValue: {
      ...defaults,
      allowIdeas: flag(defaults.allowIdeas),
      allowPrototypes: flag(defaults.allowPrototypes),
      blindJudging: flag(defaults.blindJudging),
      peoplesChoice: flag(defaults.peoplesChoice),
      entriesPublic: flag(defaults.entriesPublic),
      teamSizeLimit: String(defaults.teamSizeLimit),
      criteria: defaults.criteria.map((c) => ({ ...c, weight: String(c.weight), maxScore: String(c.maxScore) })),
      // conform describes form values as strings; a list of checkbox values is what it sends.
    } as unknown as DefaultValue<z.input<typeof schema>>,
  });
  const criteria = fields.criteria.getFieldList();
  const shares = weightShares(criteria.map((c) => Number(c.getFieldset().weight.value ?? 0) || 0));
  // After a refused submit the form shows what was sent, not what is stored.
  const initialBody = typeof fields.body.initialValue === 'string' ? fields.body.initialValue : defaults.body;
  const [body, setBody] = useState(initialBody);
  const [filter, setFilter] = useState('');
  const sentDatasets = fields.datasets.initialValue as string | string[] | undefined;
  const chosen = new Set(Array.isArray(sentDatasets) ? sentDatasets : sentDatasets ? [sentDatasets] : defaults.datasets);
  const sentEntrant = fields.entrantAccess.initialValue as string | string[] | undefined;
  const entrantChosen = new Set(Array.isArray(sentEntrant) ? sentEntrant : sentEntrant ? [sentEntrant] : (defaults.entrantAccess ?? []));
  const visible = (option: { title: string; departmentName: string }) => !filter || `${option.title}${option.departmentName}`.includes(filter.trim());

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      {Object.entries(hiddenFields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {departments ? (
        <div>
          <label htmlFor="departmentId" className="block text-sm font-medium text-slate-800">
            {t('challenges.department')}
          </label>
          <select id="departmentId" name="departmentId" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t('manage.chooseDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-slate-900">{t('challengeForm.brief')}</legend>
        <FormField field={fields.title} type="text" label={t('manage.field.title')} autoFocus />
        {slugEditable ? (
          <FormField field={fields.slug} type="text" label={t('manage.field.slug')} hint={t('challengeForm.slugHint')} autoComplete="off" />
        ) : (
          <input type="hidden" name="slug" value={defaults.slug} />
        )}
        <TextareaField field={fields.summary} label={t('challengeForm.summary')} hint={t('challengeForm.summaryHint')} rows={2} />
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <label htmlFor={fields.body.id} className="block text-sm font-medium text-slate-800">
              {t('challengeForm.body')}
            </label>
            <textarea
              id={fields.body.id}
              name={fields.body.name}
              defaultValue={initialBody}
              key={fields.body.key}
              rows={14}
              onChange={(event) => setBody(event.currentTarget.value)}
              aria-describedby={`${fields.body.id}-hint`}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
            <p id={`${fields.body.id}-hint`} className="mt-1 text-sm text-slate-600">
              {t('manage.field.markdownHint')}
            </p>
            <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
          </div>
          {hydrated ? <MarkdownPreview source={body} label={t('challengeForm.preview')} /> : null}
        </div>
        <TextareaField field={fields.prizes} label={t('challenges.prizes')} hint={t('challengeForm.prizesHint')} rows={4} />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('challenges.timeline')}</legend>
        <p className="text-sm text-slate-600">{t('challengeForm.timeZone', { zone: isBeijingTime(timeZone) ? t('time.beijing') : zoneDisplayName(timeZone, locale) })}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField field={fields.opensAt} type="datetime-local" label={t('challenges.opensAt')} hint={frozen.opensAt ? t('challengeForm.opensFixed') : undefined} />
          <FormField field={fields.closesAt} type="datetime-local" label={t('challenges.closesAt')} />
          <FormField field={fields.judgingEndsAt} type="datetime-local" label={t('challenges.judgingEndsAt')} />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('challengeForm.rules')}</legend>
        <div className="flex flex-wrap gap-6">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input {...getInputProps(fields.allowIdeas, { type: 'checkbox' })} />
            {t('kind.idea')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input {...getInputProps(fields.allowPrototypes, { type: 'checkbox' })} />
            {t('kind.prototype')}
          </label>
        </div>
        <ErrorList id={fields.allowIdeas.errorId} errors={fields.allowIdeas.errors} />
        <div className="max-w-xs">
          <FormField field={fields.teamSizeLimit} type="number" label={t('challengeForm.teamSize')} hint={t('challengeForm.teamSizeHint', { max: MAX_TEAM_SIZE })} />
        </div>
        {(
          [
            ['blindJudging', 'challengeForm.blindJudging'],
            ['peoplesChoice', 'challengeForm.peoplesChoice'],
            ['entriesPublic', 'challengeForm.entriesPublic'],
          ] as const
        ).map(([name, label]) => (
          <label key={name} className="flex items-start gap-2 text-sm text-slate-800">
            <input {...getInputProps(fields[name], { type: 'checkbox' })} className="mt-1" />
            <span>{t(label)}</span>
          </label>
        ))}
        <ErrorList id={fields.blindJudging.errorId} errors={fields.blindJudging.errors} />
        <ErrorList id={fields.entriesPublic.errorId} errors={fields.entriesPublic.errors} />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold text-slate-900">{t('challenges.criteria')}</legend>
        <p className="text-sm text-slate-600">{frozen.criteria ? t('challengeForm.criteriaFrozen') : t('challengeForm.criteriaHint')}</p>
        <ol className="space-y-4">
          {criteria.map((criterion, index) => {
            const c = criterion.getFieldset();
            return (
              <li key={criterion.key} className="rounded-lg border border-slate-200 p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="text-sm font-medium text-slate-700">
                    {t('challengeForm.criterionNumber', { number: index + 1 })} · {t('challengeForm.share', { percent: Math.round((shares[index] ?? 0) * 100) })}
                  </p>
                  <div className="flex gap-2">
                    <button
                      {...form.reorder.getButtonProps({ name: fields.criteria.name, from: index, to: index - 1 })}
                      disabled={index === 0}
                      aria-label={t('challengeForm.moveUp', { number: index + 1 })}
                      className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40"
                    >
                      ↑
                    </button>
                    <button
                      {...form.reorder.getButtonProps({ name: fields.criteria.name, from: index, to: index + 1 })}
                      disabled={index === criteria.length - 1}
                      aria-label={t('challengeForm.moveDown', { number: index + 1 })}
                      className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40"
                    >
                      ↓
                    </button>
                    <button
                      {...form.remove.getButtonProps({ name: fields.criteria.name, index })}
                      aria-label={t('challengeForm.removeCriterion', { number: index + 1 })}
                      className="rounded border border-rose-300 px-2 py-1 text-sm text-rose-800"
                    >
                      {t('manage.deleteResource')}
                    </button>
                  </div>
                </div>
                <div className="mt-3 grid gap-4 sm:grid-cols-4">
                  <div className="sm:col-span-2">
                    <FormField field={c.name} type="text" label={t('challenges.criterion')} />
                  </div>
                  <FormField field={c.weight} type="number" label={t('challenges.weight')} />
                  <FormField field={c.maxScore} type="number" label={t('challenges.maxScore')} />
                </div>
                <div className="mt-3">
                  <TextareaField field={c.description} label={t('datasets.columnDescription')} rows={2} />
                </div>
              </li>
            );
          })}
        </ol>
        <ErrorList id={fields.criteria.errorId} errors={fields.criteria.errors} />
        {criteria.length < MAX_CRITERIA ? (
          <button
            {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: { name: '', description: '', weight: '10', maxScore: '10' } })}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t('challengeForm.addCriterion')}
          </button>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold text-slate-900">{t('challenges.datasets')}</legend>
        <p className="text-sm text-slate-600">{t('challengeForm.datasetsHint')}</p>
        {hydrated ? (
          <div className="max-w-md">
            <label htmlFor="dataset-filter" className="block text-sm font-medium text-slate-800">
              {t('challengeForm.findDataset')}
            </label>
            <input id="dataset-filter" type="search" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
        ) : null}
        <ul className="max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-3">
          {datasetOptions.map((option) => (
            <li key={option.slug} hidden={!visible(option)}>
              <label className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" name="datasets" value={option.slug} defaultChecked={chosen.has(option.slug)} className="mt-1" />
                <span>
                  {option.title} <span className="text-slate-500">· {option.departmentName}</span>
                  {option.accessLevel === 'conditional' ? <span className="text-slate-500"> · {t('access.level.conditional')}</span> : null}
                </span>
              </label>
              {option.accessLevel === 'conditional' ? (
                <label className="ml-6 mt-1 flex items-start gap-2 text-xs text-slate-700">
                  <input type="checkbox" name="entrantAccess" value={option.slug} defaultChecked={entrantChosen.has(option.slug)} className="mt-0.5" />
                  <span>{t('challengeForm.entrantAccess')}</span>
                </label>
              ) : null}
            </li>
          ))}
        </ul>
      </fieldset>

      <div role="alert" aria-live="polite">
        <ErrorList id={form.errorId} errors={form.errors} />
      </div>
      <div className="max-w-xs">
        <SubmitButton pending={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
