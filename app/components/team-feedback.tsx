/** What a team reads after results: its scores per criterion, its place and the judges' words. */
import { useT } from './i18n';

export interface TeamFeedbackData {
  /** The published results are still being computed: no numbers yet, only the judges' words. */
  pending?: boolean;
  criteria: { id: number; name: string; maxScore: number; mean: number | null }[];
  rawMean: number | null;
  rank: number | null;
  entryCount: number;
  reviewCount: number;
  feedback: string[];
  awards: { kind: string; customName: string | null }[];
}

export function TeamFeedback({ feedback }: { feedback: TeamFeedbackData }) {
  const t = useT();
  return (
    <section className="mt-8 rounded-lg border border-brand-200 bg-brand-50 p-5" aria-labelledby="team-feedback">
      <h2 id="team-feedback" className="text-xl font-semibold text-slate-900">
        {t('feedback.title')}
      </h2>
      {feedback.awards.length > 0 ? (
        <p className="mt-2 font-semibold text-gold-800">
          {feedback.awards.map((a) => (a.kind === 'custom' && a.customName ? a.customName : t(`award.${a.kind as 'first'}`))).join('、')}
        </p>
      ) : null}
      {feedback.pending ? (
        <p role="status" className="mt-1 text-sm text-slate-700">
          {t('feedback.pending')}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">
            {feedback.rank !== null ? t('feedback.rank', { rank: feedback.rank, total: feedback.entryCount }) : t('feedback.unranked')}
            {' · '}
            {t('feedback.reviews', { count: feedback.reviewCount })}
            {feedback.rawMean !== null ? ` · ${t('feedback.total', { score: feedback.rawMean.toFixed(1) })}` : ''}
          </p>
          <table className="mt-4 w-full max-w-lg text-left text-sm">
            <thead className="border-b border-brand-200 text-slate-600">
              <tr>
                <th scope="col" className="py-1.5 pr-4 font-medium">
                  {t('challenges.criterion')}
                </th>
                <th scope="col" className="py-1.5 font-medium">
                  {t('feedback.meanScore')}
                </th>
              </tr>
            </thead>
            <tbody>
              {feedback.criteria.map((c) => (
                <tr key={c.id} className="border-b border-brand-100">
                  <td className="py-1.5 pr-4">{c.name}</td>
                  <td className="py-1.5 tabular-nums">{c.mean === null ? '—' : `${c.mean.toFixed(1)} / ${c.maxScore}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {feedback.feedback.length > 0 ? (
        <>
          <h3 className="mt-5 font-semibold text-slate-900">{t('feedback.comments')}</h3>
          <ul className="mt-2 space-y-3">
            {feedback.feedback.map((text, index) => (
              <li key={index} className="whitespace-pre-line rounded-md bg-white p-3 text-slate-800">
                <span className="block text-xs text-slate-600">{t('feedback.judgeLabel', { number: index + 1 })}</span>
                {text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
