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
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export function noteStorageFull(): void {
  const context = currentRequest();
  if (context) context.storageFull = true;
}
