import type { Phase } from '~/lib/phase';
import { useT } from './i18n';

const PHASE_STYLES: Record<Phase, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-300',
  upcoming: 'bg-sky-50 text-sky-800 ring-sky-200',
  open: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  judging: 'bg-gold-50 text-gold-800 ring-gold-300',
  results: 'bg-brand-50 text-brand-800 ring-brand-200',
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  const t = useT();
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${PHASE_STYLES[phase]}`}>
      {t(`phase.${phase}`)}
    </span>
  );
}

export function Tag({ children }: { children: React.ReactNode }) {
  return <span className="inline-flex items-center rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{children}</span>;
}

const DATASET_STATUS_STYLES = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-300',
  published: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  retired: 'bg-rose-50 text-rose-800 ring-rose-200',
} as const;

export function DatasetStatusBadge({ status }: { status: keyof typeof DATASET_STATUS_STYLES }) {
  const t = useT();
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${DATASET_STATUS_STYLES[status]}`}>
      {t(`datasets.status.${status}`)}
    </span>
  );
}

const ACCESS_LEVEL_STYLES = {
  open: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  conditional: 'bg-gold-50 text-gold-800 ring-gold-300',
  closed: 'bg-slate-100 text-slate-700 ring-slate-300',
} as const;

/** 开放属性 as a badge: 无条件开放 / 有条件开放 / 不予开放. */
export function AccessLevelBadge({ level }: { level: keyof typeof ACCESS_LEVEL_STYLES }) {
  const t = useT();
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${ACCESS_LEVEL_STYLES[level]}`}>
      {t(`access.level.${level}`)}
    </span>
  );
}
