import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ChallengeGrid } from '~/components/cards';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { PUBLIC_PHASES, type PublicPhase } from '~/lib/phase';
import { listPublicChallenges } from '~/models/challenges.server';

function parsePhase(value: string | null): PublicPhase | undefined {
  return PUBLIC_PHASES.find((phase) => phase === value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const phase = parsePhase(new URL(request.url).searchParams.get('phase'));
  return { now, phase: phase ?? null, challenges: listPublicChallenges({ now, phase }) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'challenges.title');

export default function ChallengesPage() {
  const { now, phase, challenges } = useLoaderData<typeof loader>();
  const t = useT();
  const tabs: (PublicPhase | null)[] = [null, ...PUBLIC_PHASES];

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <PageHeader title={t('challenges.title')} intro={t('challenges.intro')} />
      <nav aria-label={t('challenges.filterByPhase')} className="mt-6 flex flex-wrap gap-2">
        {tabs.map((tab) => {
          const active = tab === phase;
          return (
            <Link
              key={tab ?? 'all'}
              to={tab ? `?phase=${tab}` : '.'}
              aria-current={active ? 'page' : undefined}
              className={`rounded-full px-3 py-1 text-sm font-medium no-underline ring-1 ring-inset ${
                active ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
              }`}
            >
              {tab ? t(`phase.${tab}`) : t('phase.all')}
            </Link>
          );
        })}
      </nav>
      <ChallengeGrid challenges={challenges} now={now} empty={t('challenges.empty')} className="mt-8" />
    </div>
  );
}
