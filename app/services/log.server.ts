/**
 * The one logger: JSON lines on stdout with a timestamp, the level and, inside a request, its id,
 * so an operator can follow one request through the log (`LOG_LEVEL`: debug, info, warn, error;
 * `LOG_FORMAT=pretty` is not offered on purpose: one format to grep and to ship). Secrets never
 * reach it: fields that could hold a password, token, cookie or key are replaced wholesale.
 */
import pino, { type Logger } from 'pino';
import { currentRequest } from './request-context.server';

const REDACTED_FIELDS = ['password', 'token', 'cookie', 'authorization', 'secret', 'apiKey', 'headers.cookie', 'headers.authorization', 'headers["x-ckan-api-key"]'];

const KEY = Symbol.for('jindianzi.logger');
type WithLogger = typeof globalThis & { [KEY]?: Logger };

function levelFromEnv(): string {
  const raw = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (raw && ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) return raw;
  return process.env.NODE_ENV === 'test' ? 'warn' : 'info';
}

function createLogger(): Logger {
  return pino({
    level: levelFromEnv(),
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
    // Every line written inside a request carries that request's id.
    mixin: () => {
      const context = currentRequest();
      return context ? { reqId: context.requestId } : {};
    },
  });
}

/** Shared by the server and the app build (each loads its own copy of this module). */
export const log: Logger = ((globalThis as WithLogger)[KEY] ??= createLogger());

/** An error as log fields: its message and stack, or the value itself when it is not an Error. */
export function errorFields(error: unknown): { err: { message: string; stack?: string; code?: string } } {
  if (error instanceof Error) return { err: { message: error.message, stack: error.stack, code: (error as NodeJS.ErrnoException).code } };
  return { err: { message: String(error) } };
}
