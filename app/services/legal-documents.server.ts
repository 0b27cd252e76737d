/** The legal documents in force, rendered (sanitized) for the pages that show them. */
import type { LegalDocumentKind } from '~/lib/vocabulary';
import { currentDocument } from '~/models/legal.server';
import { renderMarkdown } from './markdown.server';

export function renderedDocument(kind: LegalDocumentKind): { version: number; html: string; createdAt: Date } | null {
  const document = currentDocument(kind);
  return document ? { version: document.version, html: renderMarkdown(document.body), createdAt: document.createdAt } : null;
}
