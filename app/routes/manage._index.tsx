import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DatasetStatusBadge, PhaseBadge } from '~/components/badges';
import { useFormatters, useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { listChallengesForManager } from '~/models/challenges.server';
import { listDatasetsForManager } from '~/models/datasets.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const now = new Date();
  return {
    viewer: { role: user.role, departmentName: user.departmentName, hasDepartment: user.departmentId !== null },
    datasets: listDatasetsForManager(user),
    challenges: listChallengesForManager(user, now),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'manage.title');

export default function ManagePage() {
  const { viewer, datasets, challenges } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormatters();
  const isAdmin = viewer.role === 'admin';

  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <h1 className="text-3xl font-bold text-slate-900">{t('manage.title')}</h1>
      <p className="mt-2 text-slate-700">
        {isAdmin
          ? t('manage.introAdmin')
          : viewer.hasDepartment
            ? t('manage.intro', { department: viewer.departmentName ?? '' })
            : t('manage.noDepartment')}
      </p>

      <section className="mt-10" aria-labelledby="manage-challenges">
        <h2 id="manage-challenges" className="text-xl font-semibold text-slate-900">
          {t('manage.challenges')}
        </h2>
        {challenges.length === 0 ? (
          <p className="mt-3 text-slate-700">{t('manage.noChallenges')}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('manage.name')}</th>
                  {isAdmin ? <th scope="col" className="py-2 pr-4 font-medium">{t('manage.departmentColumn')}</th> : null}
                  <th scope="col" className="py-2 pr-4 font-medium">{t('manage.status')}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('challenges.closesAt')}</th>
                  <th scope="col" className="py-2 font-medium">{t('manage.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {challenges.map((challenge) => (
                  <tr key={challenge.id} className="border-b border-slate-100">
                    <td className="py-2.5 pr-4">
                      <Link to={`/challenges/${challenge.slug}`} className="font-medium">
                        {challenge.title}
                      </Link>
                    </td>
                    {isAdmin ? <td className="py-2.5 pr-4 text-slate-700">{challenge.departmentName}</td> : null}
                    <td className="py-2.5 pr-4">
                      <PhaseBadge phase={challenge.phase} />
                    </td>
                    <td className="py-2.5 pr-4 text-slate-700">{format.date(challenge.closesAt)}</td>
                    <td className="py-2.5 text-slate-700">{format.date(challenge.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="mt-10" aria-labelledby="manage-datasets">
        <h2 id="manage-datasets" className="text-xl font-semibold text-slate-900">
          {t('manage.datasets')}
        </h2>
        {datasets.length === 0 ? (
          <p className="mt-3 text-slate-700">{t('manage.noDatasets')}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t('manage.name')}</th>
                  {isAdmin ? <th scope="col" className="py-2 pr-4 font-medium">{t('manage.departmentColumn')}</th> : null}
                  <th scope="col" className="py-2 pr-4 font-medium">{t('manage.status')}</th>
                  <th scope="col" className="py-2 font-medium">{t('manage.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {datasets.map((dataset) => (
                  <tr key={dataset.id} className="border-b border-slate-100">
                    <td className="py-2.5 pr-4">
                      <Link to={`/datasets/${dataset.slug}`} className="font-medium">
                        {dataset.title}
                      </Link>
                    </td>
                    {isAdmin ? <td className="py-2.5 pr-4 text-slate-700">{dataset.departmentName}</td> : null}
                    <td className="py-2.5 pr-4">
                      <DatasetStatusBadge status={dataset.status} />
                    </td>
                    <td className="py-2.5 text-slate-700">{format.date(dataset.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
