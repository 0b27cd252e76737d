/**
 * The page benchmark's in-app baseline (`npm run bench -- pages`): a constant loader under the
 * same root layout, so the bench can tell what a page costs beyond the shell every page pays for.
 * It exists only when the server runs with BENCH_ROUTES=1; otherwise it is not found, like any
 * unknown URL.
 */
import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { errorPageMeta, pageMeta } from '~/components/meta';
import { config } from '~/config.server';

export async function loader() {
  if (!config().benchRoutes) throw new Response('Not Found', { status: 404 });
  return { message: 'bench' };
}

export const meta: MetaFunction<typeof loader> = ({ matches, data, error }) =>
  data ? pageMeta(matches, { literal: data.message }) : errorPageMeta(matches, error);

export default function BenchBarePage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-page px-4 py-10">
      <h1 className="text-2xl font-bold text-slate-900">{message}</h1>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
