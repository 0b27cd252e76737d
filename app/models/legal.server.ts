/**
 * The privacy policy and terms of use, in versions, and who accepted which. The newest version of
 * each kind is in force; a signed-in person who has not accepted it is asked to.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { consents, legalDocuments, LEGAL_DOCUMENT_KINDS, type LegalDocumentKind } from '../../db/tables';

export interface LegalDocument {
  kind: LegalDocumentKind;
  version: number;
  body: string;
  createdAt: Date;
}

export async function currentDocument(kind: LegalDocumentKind): Promise<LegalDocument | undefined> {
  return (await getDb()
    .select({ kind: legalDocuments.kind, version: legalDocuments.version, body: legalDocuments.body, createdAt: legalDocuments.createdAt })
    .from(legalDocuments)
    .where(eq(legalDocuments.kind, kind))
    .orderBy(desc(legalDocuments.version))
    .limit(1))[0];
}

/** The version in force of each kind that has one. */
export async function currentVersions(): Promise<Partial<Record<LegalDocumentKind, number>>> {
  const rows = await getDb()
    .select({ kind: legalDocuments.kind, version: sql<number>`max(${legalDocuments.version})` })
    .from(legalDocuments)
    .groupBy(legalDocuments.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.version)]));
}

/** A new version (the next number), in force from now. */
export async function publishDocument(kind: LegalDocumentKind, body: string, publishedBy: number | null, now = new Date()): Promise<number> {
  const version = ((await currentDocument(kind))?.version ?? 0) + 1;
  await getDb().insert(legalDocuments).values({ kind, version, body, publishedBy, createdAt: now });
  return version;
}

export async function recordConsent(userId: number, kind: LegalDocumentKind, version: number, now = new Date()): Promise<void> {
  await getDb().insert(consents).values({ userId, kind, version, acceptedAt: now }).onConflictDoNothing();
}

/** The kinds whose version in force the person has not accepted yet, with that version. */
export async function pendingConsents(userId: number): Promise<{ kind: LegalDocumentKind; version: number }[]> {
  const versions = await currentVersions();
  const accepted = new Set(
    (await getDb()
      .select({ kind: consents.kind, version: consents.version })
      .from(consents)
      .where(eq(consents.userId, userId)))
      .map((c) => `${c.kind}:${c.version}`),
  );
  return LEGAL_DOCUMENT_KINDS.flatMap((kind) => {
    const version = versions[kind];
    return version !== undefined && !accepted.has(`${kind}:${version}`) ? [{ kind, version }] : [];
  });
}

/** Everything the person accepted, newest first (for their data export). */
export async function listConsents(userId: number) {
  return await getDb()
    .select({ kind: consents.kind, version: consents.version, acceptedAt: consents.acceptedAt })
    .from(consents)
    .where(and(eq(consents.userId, userId)))
    .orderBy(desc(consents.acceptedAt));
}
