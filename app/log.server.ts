/**
 * The one logger: JSON lines on stdout with a timestamp, the level and, inside a request, its id,
 * so an operator can follow one request through the log (`LOG_LEVEL`: debug, info, warn, error;
 * `LOG_FORMAT=pretty` is not offered on purpose: one format to grep and to ship). Secrets never
 * reach it: fields that could hold a password, token, cookie or key are replaced wholesale.
 */
import { isMainThread } from 'node:worker_threads';
import pino, { type Logger } from 'pino';
import { currentRequest } from '~/request-context.server';
import { config } from '~/config.server';

const REDACTED_FIELDS = ['password', 'token', 'cookie', 'authorization', 'secret', 'apiKey', 'headers.cookie', 'headers.authorization', 'headers["x-ckan-api-key"]'];

const KEY = Symbol.for('jindianzi.logger');
type WithLogger = typeof globalThis & { [KEY]?: Logger };

function levelFromEnv(): string {
  return config().logLevel;
}

/**
 * Lines are written in batches of up to 4 KB, not one system call per line: an access line per
 * request cost the cached pages a sixth of their throughput. The batch goes out at least every
 * second, at once after a warning or an error, and when the process exits (pino flushes then on the
 * main thread); a SIGKILL can lose the last second of access lines, which is the price. Worker
 * threads write line by line (they log rarely).
 */
const FLUSH_EVERY_MS = 1_000;

function createLogger(): Logger {
  const destination = pino.destination({ dest: 1, minLength: isMainThread ? 4096 : 0, sync: false });
  if (isMainThread) setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  return pino(
    {
      hooks: {
        logMethod(args, method, level) {
          method.apply(this, args);
          if (level >= 40 && isMainThread) destination.flush();
        },
      },
      level: levelFromEnv(),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Top-level fields and request headers only: wildcard paths are checked on every line written.
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      // Every line written inside a request carries that request's id.
      mixin: () => {
        const context = currentRequest();
        return context ? { reqId: context.requestId } : {};
      },
    },
    destination,
  );
}

/** Writes out what is buffered now (after start-up messages that someone may be waiting for). */
export function flushLog(): void {
  log.flush();
}

/** Shared by the server and the app build (each loads its own copy of this module). */
export const log: Logger = ((globalThis as WithLogger)[KEY] ??= createLogger());

/**
 * An error as log fields: its message and stack, or the value itself when it is not an Error.
 * drizzle wraps a failed statement as "Failed query: … params: …", and the values bound to it may be
 * password or token hashes, sealed secrets or e-mail addresses: the log gets the statement and the
 * database's own error (message, code, stack), never the values.
 */
export function errorFields(error: unknown): { err: { message: string; stack?: string; code?: string; query?: string } } {
  const failed = failedQuery(error);
  if (failed) {
    const cause = failed.cause instanceof Error ? failed.cause : new Error(String(failed.cause));
    return { err: { message: cause.message, stack: cause.stack, code: (cause as NodeJS.ErrnoException).code, query: failed.query } };
  }
  if (error instanceof Error) return { err: { message: error.message, stack: error.stack, code: (error as NodeJS.ErrnoException).code } };
  return { err: { message: String(error) } };
}

/** drizzle's wrapper of a failed statement (DrizzleQueryError: `query`, `params` and the database's error as `cause`). */
function failedQuery(error: unknown): { query: string; cause: unknown } | undefined {
  if (!(error instanceof Error) || !('params' in error) || typeof (error as { query?: unknown }).query !== 'string' || error.cause === undefined) return undefined;
  return { query: (error as unknown as { query: string }).query, cause: error.cause };
}
