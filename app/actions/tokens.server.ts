/**
 * Personal API tokens, with which a department's own systems publish through the CKAN API. A token
 * acts without the second factor, so the web door asks for a fresh proof before making one.
 */
import { forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as apiTokens from '~/models/api-tokens.server';
import { transaction } from '~/models/transaction.server';
import { getAccountById, isEmailVerified } from '~/models/users.server';
import { audit } from './audit.server';
import { atServer } from './operators.server';

/**
 * A new token for `ownerId`, answered once (only its hash is kept). People make their own; only the
 * operator at the command line makes one for someone else, and the record then names whose it is.
 * Officials and admins publish with them; anyone else reads with them, e.g. data they were granted
 * on application, so a participant needs a verified address first (writes check the role anyway).
 */
export async function createApiToken(actor: Actor, ownerId: number, name: string): Promise<Result<{ id: number; token: string }>> {
  return await transaction(async () => {
    const owner = await getAccountById(ownerId);
    if (!owner) return notFound();
    if (actor.user ? actor.user.id !== owner.id : !atServer(actor)) return forbidden();
    if (owner.role === 'participant' && !(await isEmailVerified(owner.id))) return forbidden();
    const created = await apiTokens.createApiToken(owner.id, name);
    await audit(actor, { action: 'token.create', targetType: 'api_token', targetId: created.id, details: actor.user ? { name } : { email: owner.email, name } });
    return ok(created);
  });
}

/** Revokes one of the actor's own tokens; anyone else's, or one already revoked, is not found. */
export async function revokeApiToken(actor: Actor<ActingUser>, tokenId: number): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await apiTokens.revokeApiToken(actor.user.id, tokenId))) return notFound();
    await audit(actor, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId });
    return ok();
  });
}
