/**
 * Uploads a table file with a progress bar for the upload and then for the import. With
 * JavaScript the file goes by XMLHttpRequest (fetch cannot report upload progress) and the import
 * is followed by polling its job; without it, the form posts normally and the page reloads with
 * the import's status.
 */
import { Form, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isMessageKey } from '~/lib/i18n';
import { useFormatters, useT } from './i18n';

export interface ImportStatus {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  rowsDone: number;
  errorCode: string | null;
  errorParams: Record<string, string | number> | null;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; share: number }
  | { kind: 'importing'; jobId: number; share: number; rows: number }
  | { kind: 'done'; rows: number }
  | { kind: 'failed'; code: string; params: Record<string, string | number> };

export function useImportErrorText() {
  const t = useT();
  return (code: string | null | undefined, params: Record<string, string | number> | null | undefined) => {
    const key = `import.error.${code ?? 'internal'}`;
    return isMessageKey(key) ? t(key, params ?? {}) : t('import.error.internal');
  };
}

export function UploadForm({
  action,
  resourceId,
  withDetails,
  maxMb,
}: {
  action: string;
  /** Replace this resource's file rather than adding a resource. */
  resourceId?: number;
  /** Ask for the resource's name and description (new resources). */
  withDetails: boolean;
  maxMb: number;
}) {
  const t = useT();
  const format = useFormatters();
  const errorText = useImportErrorText();
  const revalidator = useRevalidator();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = resourceId ? `replace-${resourceId}` : 'upload';

  useEffect(() => {
    if (phase.kind !== 'importing') return;
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/manage/imports/${phase.jobId}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || stopped) return;
      const job = (await response.json()) as ImportStatus;
      if (job.status === 'succeeded') {
        setPhase({ kind: 'done', rows: job.rowsDone });
        formRef.current?.reset();
        revalidator.revalidate();
      } else if (job.status === 'failed') {
        setPhase({ kind: 'failed', code: job.errorCode ?? 'internal', params: job.errorParams ?? {} });
        revalidator.revalidate();
      } else {
        setPhase({ kind: 'importing', jobId: phase.jobId, share: job.progress, rows: job.rowsDone });
      }
    }, 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // Poll one job; a new job id restarts polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase.kind === 'importing' ? phase.jobId : null]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setPhase({ kind: 'failed', code: file instanceof File && file.name ? 'emptyFile' : 'fileRequired', params: {} });
      return;
    }
    if (file.size > maxMb * 1024 * 1024) {
      setPhase({ kind: 'failed', code: 'tooLarge', params: { limitMb: maxMb } });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ kind: 'uploading', share: e.loaded / e.total });
    };
    xhr.onload = () => {
      let body: { ok?: boolean; jobId?: number; code?: string; params?: Record<string, string | number> } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = { ok: false, code: xhr.status === 413 ? 'tooLarge' : 'internal', params: { limitMb: maxMb } };
      }
      if (body.ok && body.jobId) setPhase({ kind: 'importing', jobId: body.jobId, share: 0, rows: 0 });
      else setPhase({ kind: 'failed', code: body.code ?? 'internal', params: body.params ?? {} });
    };
    xhr.onerror = () => setPhase({ kind: 'failed', code: 'internal', params: {} });
    setPhase({ kind: 'uploading', share: 0 });
    xhr.send(data);
  }

  const busy = phase.kind === 'uploading' || phase.kind === 'importing';
  const errorId = `${idPrefix}-file-error`;
  const failedMessage =
    phase.kind === 'failed' ? (phase.code === 'fileRequired' ? t('errors.resource.fileRequired') : errorText(phase.code, phase.params)) : null;

  return (
    <Form ref={formRef} method="post" action={action} encType="multipart/form-data" onSubmit={submit} className="space-y-4" reloadDocument>
      {resourceId ? <input type="hidden" name="resourceId" value={resourceId} /> : null}
      {withDetails ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${idPrefix}-name`} className="block text-sm font-medium text-slate-800">
              {t('manage.field.resourceName')}
            </label>
            <input id={`${idPrefix}-name`} name="name" maxLength={200} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" placeholder={t('manage.field.resourceNamePlaceholder')} />
          </div>
          <div>
            <label htmlFor={`${idPrefix}-description`} className="block text-sm font-medium text-slate-800">
              {t('manage.field.resourceDescription')}
            </label>
            <input id={`${idPrefix}-description`} name="description" maxLength={2000} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
        </div>
      ) : null}
      <div>
        <label htmlFor={`${idPrefix}-file`} className="block text-sm font-medium text-slate-800">
          {t('manage.field.file')}
        </label>
        <input
          id={`${idPrefix}-file`}
          name="file"
          type="file"
          required
          accept=".csv,.tsv,.txt,.xlsx,.json,.geojson,text/csv,application/json,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${idPrefix}-file-hint${failedMessage ? ` ${errorId}` : ''}`}
          aria-invalid={failedMessage ? true : undefined}
          className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-800"
        />
        <p id={`${idPrefix}-file-hint`} className="mt-1 text-sm text-slate-600">
          {t('manage.field.fileHint', { maxMb })}
        </p>
        {failedMessage ? (
          <p id={errorId} role="alert" className="mt-1 text-sm text-rose-700">
            {failedMessage}
          </p>
        ) : null}
      </div>
      {phase.kind === 'uploading' || phase.kind === 'importing' ? (
        <div aria-live="polite">
          <label htmlFor={`${idPrefix}-progress`} className="text-sm text-slate-700">
            {phase.kind === 'uploading'
              ? t('manage.upload.uploading', { percent: Math.round(phase.share * 100) })
              : t('manage.upload.importing', { percent: Math.round(phase.share * 100), rows: format.number(phase.rows) })}
          </label>
          <progress id={`${idPrefix}-progress`} max={1} value={phase.share} className="mt-1 block h-2 w-full overflow-hidden rounded bg-slate-200 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600" />
        </div>
      ) : null}
      {phase.kind === 'done' ? (
        <p role="status" className="text-sm text-emerald-800">
          {t('manage.upload.done', { rows: format.number(phase.rows) })}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
      >
        {resourceId ? t('manage.upload.replace') : t('manage.upload.add')}
      </button>
    </Form>
  );
}
