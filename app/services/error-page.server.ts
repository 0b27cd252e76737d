/**
 * A translated error page for resource routes (downloads), which have no React error boundary: a
 * thrown Response from them reaches the visitor as it is, so it must already be a readable page.
 */
import type { MessageKey } from '~/lib/i18n';
import { createTranslator } from '~/lib/i18n';
import { getLocale } from './locale.server';
import { escapeHtml } from '~/lib/text';

export async function errorPageResponse(
  request: Request,
  args: { status: number; title: MessageKey; body: MessageKey; back: { href: string; label: MessageKey } },
): Promise<Response> {
  const locale = await getLocale(request);
  const t = createTranslator(locale);
  const title = escapeHtml(t(args.title));
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #0f172a; line-height: 1.6">
<p>${escapeHtml(t('errors.status', { status: args.status }))}</p>
<h1>${title}</h1>
<p>${escapeHtml(t(args.body))}</p>
<p><a href="${escapeHtml(args.back.href)}" style="color: #1d4ed8">${escapeHtml(t(args.back.label))}</a></p>
</body>
</html>`;
  return new Response(html, {
    status: args.status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // Nothing but this markup and its inline style.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
