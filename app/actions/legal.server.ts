/** The privacy policy and terms of use: admins publish versions; people accept them. */
import { fail, forbidden, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import type { LegalDocumentKind } from '~/lib/vocabulary';
import * as legal from '~/models/legal.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

/** A new version, if the text changed; everyone signed in is asked to accept it. */
export async function publishLegalDocument(actor: Actor, kind: LegalDocumentKind, body: string): Promise<Result<{ version: number }>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    if ((await legal.currentDocument(kind))?.body === body) return fail('invalid', 'unchanged', 'admin.legal.unchanged', { field: 'body' });
    const version = await legal.publishDocument(kind, body, actor.user?.id ?? null);
    await audit(actor, { action: 'legal.publish', targetType: 'legal_document', targetId: `${kind}:${version}`, details: { kind, version } });
    return ok({ version });
  });
}

/**
 * The person accepts the versions they were shown. A version replaced in the meantime is refused,
 * so nobody is recorded as accepting a text they did not see.
 */
export async function acceptLegalDocuments(actor: Actor<ActingUser>, shown: Partial<Record<LegalDocumentKind, number>>): Promise<Result<void>> {
  return await transaction(async () => {
    const current = await legal.currentVersions();
    const kinds = Object.keys(shown) as LegalDocumentKind[];
    if (kinds.length === 0 || kinds.some((kind) => current[kind] === undefined || shown[kind] !== current[kind])) return fail('conflict', 'changed', 'consent.changed');
    for (const kind of kinds) await legal.recordConsent(actor.user.id, kind, shown[kind] as number);
    await audit(actor, { action: 'legal.accept', targetType: 'user', targetId: actor.user.id, details: shown });
    return ok();
  });
}
