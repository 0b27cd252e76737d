import type { MetaFunction } from '@remix-run/node';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { pageMeta } from '~/components/meta';

export async function loader() {
  throw new Response('Not Found', { status: 404 });
}

export async function action() {
  throw new Response('Not Found', { status: 404 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'errors.notFound.title');

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
