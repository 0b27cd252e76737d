/**
 * Who may run the platform itself: create accounts and departments, change roles, make backups.
 * The command line needs no account, since whoever runs it already holds the database file.
 */
import type { Actor } from '~/lib/result';

/** Someone at the server's command line (`npm run jdz`). */
export function atServer(actor: Actor): boolean {
  return actor.via === 'cli' && actor.user === null;
}

/** The command line, or an admin: the only ones who manage accounts, roles and departments. */
export function isOperator(actor: Actor): boolean {
  return atServer(actor) || actor.user?.role === 'admin';
}
