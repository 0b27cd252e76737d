import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';

export async function loader() {
  return { message: 'bench' };
}

export const meta: MetaFunction = () => [{ title: 'bench' }];

export default function Index() {
  const { message } = useLoaderData<typeof loader>();
  return <h1>{message}</h1>;
}
