import type { RequestStatus } from '~/lib/validation/data-request';
import { useT } from './i18n';

const STATUS_STYLES: Record<RequestStatus, string> = {
  open: 'bg-slate-100 text-slate-700 ring-slate-300',
  planned: 'bg-sky-50 text-sky-800 ring-sky-200',
  exists: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  fulfilled: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  released: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  declined: 'bg-rose-50 text-rose-800 ring-rose-200',
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const t = useT();
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS_STYLES[status]}`}>
      {t(`requests.status.${status}`)}
    </span>
  );
}
