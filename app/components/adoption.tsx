/** 成果转化 on public pages: an idea's stage, where it runs, its outcome figures and its dated updates. */
import type { AdoptionOutcome, AdoptionStage, NotAdoptedReason, TeamResponse } from '~/lib/vocabulary';
import { useFormatters, useT } from './i18n';

const STAGE_STYLE: Record<AdoptionStage, string> = {
  evaluating: 'bg-slate-100 text-slate-800',
  piloting: 'bg-amber-100 text-amber-900',
  in_service: 'bg-emerald-100 text-emerald-900',
  not_adopted: 'bg-slate-200 text-slate-700',
};

export function AdoptionStageBadge({ stage }: { stage: AdoptionStage }) {
  const t = useT();
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${STAGE_STYLE[stage]}`}>{t(`adoption.stage.${stage}`)}</span>;
}

export interface AdoptionUpdateView {
  id: number;
  stage: AdoptionStage;
  note: string;
  departmentName: string | null;
  createdAt: Date | string;
}

export function AdoptionTimeline({ updates }: { updates: AdoptionUpdateView[] }) {
  const format = useFormatters();
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
      {updates.map((u) => (
        <li key={u.id}>
          <p className="text-sm text-slate-600">
            <time dateTime={new Date(u.createdAt).toISOString()}>{format.date(u.createdAt)}</time>
            {u.departmentName ? ` · ${u.departmentName}` : ''} · <AdoptionStageBadge stage={u.stage} />
          </p>
          {u.note ? <p className="mt-1 whitespace-pre-line text-slate-800">{u.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function OutcomeList({ outcomes }: { outcomes: AdoptionOutcome[] }) {
  const t = useT();
  const format = useFormatters();
  if (outcomes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-1">
      {outcomes.map((o, i) => (
        <li key={i} className="text-slate-800">
          {t('adoption.outcomeLine', { label: o.label, value: format.number(o.value), unit: o.unit, date: o.asOf })}
        </li>
      ))}
    </ul>
  );
}

export interface AdoptionPanelRecord {
  stage: AdoptionStage;
  notAdoptedReason: NotAdoptedReason | null;
  link: string | null;
  outcomes: AdoptionOutcome[];
  credit: string;
  terms: string;
  teamResponse: TeamResponse | null;
  teamResponseNote: string;
  department: { name: string };
  adoptedBy: { name: string }[];
}

/** The whole record on an entry's page; `children` is where the team answers (when it may). */
export function AdoptionPanel({ record, updates, children }: { record: AdoptionPanelRecord; updates: AdoptionUpdateView[]; children?: React.ReactNode }) {
  const t = useT();
  return (
    <section id="adoption" className="rounded-lg border border-emerald-200 bg-emerald-50/40 p-5" aria-labelledby="adoption-title">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="adoption-title" className="text-lg font-semibold text-slate-900">
          {t('adoption.title')}
        </h2>
        <AdoptionStageBadge stage={record.stage} />
        {record.teamResponse ? <span className="text-sm text-slate-700">{t(`adoption.team.${record.teamResponse}`)}</span> : null}
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {t('adoption.keptBy', { name: record.department.name })}
        {record.adoptedBy.length > 0 ? ` · ${t('adoption.adoptedBy', { names: record.adoptedBy.map((d) => d.name).join('、') })}` : ''}
      </p>
      {record.stage === 'not_adopted' && record.notAdoptedReason ? (
        <p className="mt-2 text-slate-800">{t('adoption.reasonIs', { reason: t(`adoption.reason.${record.notAdoptedReason}`) })}</p>
      ) : null}
      {record.link ? (
        <p className="mt-2">
          <a href={record.link} rel="noopener noreferrer nofollow" target="_blank">
            {t('adoption.link')}
          </a>
        </p>
      ) : null}
      {record.outcomes.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-900">{t('adoption.outcomes')}</h3>
          <OutcomeList outcomes={record.outcomes} />
        </div>
      ) : null}
      {record.credit ? (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-900">{t('adoption.credit')}</h3>
          <p className="whitespace-pre-line text-slate-800">{record.credit}</p>
        </div>
      ) : null}
      {record.terms ? (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-slate-900">{t('adoption.terms')}</h3>
          <p className="whitespace-pre-line text-slate-800">{record.terms}</p>
        </div>
      ) : null}
      {record.teamResponse && record.teamResponseNote ? <p className="mt-3 whitespace-pre-line text-sm text-slate-800">{record.teamResponseNote}</p> : null}
      {updates.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-slate-900">{t('adoption.timeline')}</h3>
          <AdoptionTimeline updates={updates} />
        </div>
      ) : null}
      {children}
    </section>
  );
}
