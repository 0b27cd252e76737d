/**
 * What is known about the request being served, wherever the code runs: its id (for the logs), the
 * signed-in user once the session is read, and the route that answered (for metrics). Kept in an
 * AsyncLocalStorage that lives on globalThis, because the server (server/) and the app build each
 * load their own copy of this module and must share one store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  userId?: number;
  /** The Remix route that answered, e.g. `routes/challenges.$slug._index`. */
  routeId?: string;
  /** A write failed because the disk (or the database's size limit) is full. */
  storageFull?: boolean;
  /** The database could not be reached in time (PostgreSQL restarting, the connection pool exhausted). */
  databaseUnavailable?: boolean;
}

const KEY = Symbol.for('jindianzi.requestContext');
type WithStore = typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };

function store(): AsyncLocalStorage<RequestContext> {
  const global = globalThis as WithStore;
  return (global[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store().run(context, fn);
}

/** The current request's context, or undefined outside a request (start-up, background work). */
export function currentRequest(): RequestContext | undefined {
  return store().getStore();
}

/** Notes who is signed in, for the access log. */
export function noteUser(userId: number): void {
  const context = currentRequest();
  if (context) context.userId = userId;
}

export function noteRoute(routeId: string): void {
  const context = currentRequest();
  if (context) context.routeId = routeId;
}

/** Whether an error means there is no room to write: a full disk or a database at its size limit. */
export function isStorageFull(error: unknown): boolean {
  // drizzle wraps the database's error as the cause of its own.
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function noteStorageFull(): void {
  const context = currentRequest();
  if (context) context.storageFull = true;
}

/** 25006: a write reached a server that is read-only now (a primary demoted after a failover). */
export const READ_ONLY_SERVER = '25006';
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', READ_ONLY_SERVER]);
const UNAVAILABLE_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated', 'connection timeout'];

/**
 * Whether an error is a database connection failure that passes by itself: PostgreSQL unreachable
 * or restarting (connection errors, SQLSTATE class 08, 57P0x, too many connections), read-only
 * after a failover (its connections are then replaced, db/postgres.ts), or no free
 * connection in the pool within DATABASE_POOL_WAIT_MS. The visitor is answered 503 "try again
 * shortly", not 500. drizzle wraps the driver's error as the cause of its own.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function noteDatabaseUnavailable(): void {
  const context = currentRequest();
  if (context) context.databaseUnavailable = true;
}
