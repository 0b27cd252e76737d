/** The legal documents in force, rendered (sanitized) for the pages that show them. */
import type { LegalDocumentKind } from '~/lib/vocabulary';
import { currentDocument } from '~/models/legal.server';
import { renderMarkdown } from './markdown.server';

export async function renderedDocument(kind: LegalDocumentKind): Promise<{ version: number; html: string; createdAt: Date } | null> {
  const document = await currentDocument(kind);
  return document ? { version: document.version, html: renderMarkdown(document.body), createdAt: document.createdAt } : null;
}
