/** Renders Markdown for live previews; sanitised here, on the server, like every other render. */
import type { ActionFunctionArgs } from '@remix-run/node';
import { renderMarkdown } from '~/services/markdown.server';
import { requireUser } from '~/services/session.server';
import { readLimitedText } from '~/services/uploads.server';

const MAX_SOURCE_BYTES = 200 * 1024;

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  let text: string;
  try {
    text = await readLimitedText(request, MAX_SOURCE_BYTES);
  } catch {
    return Response.json({ error: 'too large' }, { status: 413 });
  }
  const source = new URLSearchParams(text).get('source') ?? '';
  return Response.json({ html: renderMarkdown(source) }, { headers: { 'Cache-Control': 'no-store' } });
}

export async function loader() {
  throw new Response('Not Found', { status: 404 });
}
