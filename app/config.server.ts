/**
 * Every environment variable the site reads, parsed in one place. `config()` is read at start-up
 * (server/index.ts, scripts/jdz.ts), so a bad value stops the server at once with a message naming
 * the variable and what it expects, instead of surfacing on the first request that needs it (or
 * being silently replaced by the default, as some settings were before).
 *
 * Nothing else reads `process.env`; a test holds the README's configuration table to this list.
 * The module sits below every layer (lib, models, services, routes and db may all import it) and
 * imports nothing of the app.
 */
import path from 'node:path';
import { z } from 'zod';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset or blank variable is "not set": `FOO=` in a unit file must not mean an empty value. */
function optionalText() {
  return z.preprocess((raw) => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined), z.string().optional());
}

function numberSetting(expected: string, fallback: number, check: (value: number) => boolean, options: { integer?: boolean } = {}) {
  return optionalText()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || !check(value) || (options.integer && !Number.isInteger(value))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected ${expected}, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });
}

function optionalNumberSetting(expected: string, check: (value: number) => boolean) {
  return optionalText().transform((raw, ctx) => {
    if (raw === undefined) return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || !check(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected ${expected}, got "${raw}"` });
      return z.NEVER;
    }
    return value;
  });
}

function flag(expected: readonly string[], fallback: boolean, truthy: readonly string[]) {
  return optionalText().transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const lower = raw.toLowerCase();
    if (!expected.includes(lower)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected ${expected.map((v) => `"${v}"`).join(' or ')}, got "${raw}"` });
      return z.NEVER;
    }
    return truthy.includes(lower);
  });
}

const BOOLEAN = ['true', 'false', '1', '0'] as const;

function url(protocols: readonly string[]) {
  return optionalText().transform((raw, ctx) => {
    if (raw === undefined) return null;
    try {
      if (protocols.includes(new URL(raw).protocol)) return raw;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"` });
    return z.NEVER;
  });
}

const timeZone = optionalText().transform((raw, ctx) => {
  const zone = raw ?? DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected an IANA time zone such as "Asia/Shanghai", got "${raw}"` });
    return z.NEVER;
  }
});

const positive = (value: number) => value > 0;

/** What DATABASE_URL names: the embedded SQLite file, or a PostgreSQL server. */
export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * DATABASE_URL: a file path (optionally `file:`) for the embedded SQLite database, or a
 * `postgres://` / `postgresql://` URL with libpq's parameters (sslmode, …) for PostgreSQL 15 or later
 * (docs/decisions/012-postgresql.md). The URL itself is never repeated in a message: it may carry a
 * password.
 */
const databaseUrl = optionalText().transform((raw, ctx): DatabaseTarget => {
  if (raw !== undefined && POSTGRES_URL.test(raw)) {
    try {
      const parsed = new URL(raw);
      if (parsed.hostname === '' && !parsed.searchParams.has('host')) throw new Error('no host');
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a PostgreSQL URL such as postgres://user:password@host:5432/database' });
      return z.NEVER;
    }
    return { engine: 'postgres', url: raw };
  }
  if (raw !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a file path for the SQLite database (or file:path), or a postgres:// URL' });
    return z.NEVER;
  }
  return { engine: 'sqlite', file: path.resolve((raw ?? './data/jindianzi.db').replace(/^file:/, '')) };
});

/** The engine DATABASE_URL names, without parsing the rest of the environment (for choosing tables at import). */
export function databaseEngineOf(env: Record<string, string | undefined>): DatabaseTarget['engine'] {
  return POSTGRES_URL.test(env.DATABASE_URL?.trim() ?? '') ? 'postgres' : 'sqlite';
}

/** This process's database engine, read once (the tables are chosen by it at import). */
export function databaseEngine(): DatabaseTarget['engine'] {
  return databaseEngineOf(process.env);
}

/** The variables, in the order of the README's table. */
const environmentSchema = z.object({
  PORT: numberSetting('a port number between 0 and 65535', 3000, (v) => v >= 0 && v <= 65535, { integer: true }),
  HOST: optionalText().transform((raw) => raw ?? '0.0.0.0'),
  DATABASE_URL: databaseUrl,
  DATA_DIR: optionalText().transform((raw) => (raw === undefined ? null : path.resolve(raw))),
  DATABASE_POOL_MAX: numberSetting('a whole number of connections from 1 to 1000', 10, (v) => v >= 1 && v <= 1000, { integer: true }),
  DATABASE_POOL_WAIT_MS: numberSetting('a number of milliseconds, 1 or more', 5000, (v) => v >= 1, { integer: true }),
  PUBLIC_URL: url(['http:', 'https:']),
  TRUST_PROXY: optionalText().transform((raw) => (raw === undefined ? null : /^\d+$/.test(raw) ? Number(raw) : raw)),
  SESSION_SECRET: optionalText(),
  PSEUDONYM_KEY: optionalText(),
  TOTP_ENCRYPTION_KEY: optionalText(),
  UNSUBSCRIBE_KEY: optionalText(),
  TIME_ZONE: timeZone,
  SEED_DEMO_DATA: flag(BOOLEAN, true, ['true', '1']),
  MAX_UPLOAD_MB: numberSetting('a positive number of megabytes', 200, positive),
  ATTACHMENT_MAX_MB: numberSetting('a positive number of megabytes', 20, positive),
  SMTP_URL: url(['smtp:', 'smtps:']),
  SMTP_HOST: optionalText(),
  SMTP_PORT: numberSetting('a port number between 1 and 65535', 587, (v) => v >= 1 && v <= 65535, { integer: true }),
  SMTP_USER: optionalText(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_SECURE: flag(BOOLEAN, false, ['true', '1']),
  MAIL_FROM: optionalText().transform((raw) => raw ?? '金点子 <no-reply@jindianzi.localhost>'),
  SKIP_BUILD_CHECK: flag(BOOLEAN, false, ['true', '1']),
  WORKER_THREADS: numberSetting('a whole number from 1 to 16', 1, (v) => v >= 1 && v <= 16, { integer: true }),
  PAGE_CACHE_SECONDS: numberSetting('a number of seconds between 0 and 600', 5, (v) => v >= 0 && v <= 600),
  JDZ_SQL_LOG: optionalText(),
  WORKER_IDLE_MS: numberSetting('a number of milliseconds, 0 or more', 20_000, (v) => v >= 0),
  LOG_LEVEL: optionalText().pipe(z.enum(LOG_LEVELS, { errorMap: () => ({ message: `expected one of ${LOG_LEVELS.join(', ')}` }) }).optional()),
  METRICS_TOKEN: optionalText(),
  DATABASE_MAX_MB: optionalNumberSetting('a positive number of megabytes', positive),
  IMPORT_MEMORY_MB: numberSetting('a number of megabytes, 64 or more', 768, (v) => v >= 64),
  IMPORT_MAX_CELL_KB: numberSetting('a positive number of kilobytes', 1024, positive),
  IMPORT_STALL_SECONDS: numberSetting('a positive number of seconds', 60, positive),
  DOWNLOAD_STALL_SECONDS: numberSetting('a positive number of seconds', 60, positive),
  DISK_MIN_FREE_MB: numberSetting('a number of megabytes, 0 or more', 500, (v) => v >= 0),
  BACKUP_DIR: optionalText(),
  MAP_TILE_URL: url(['https:', 'http:']),
  BACKUP_INTERVAL_HOURS: numberSetting('a positive number of hours', 24, positive),
  BACKUP_KEEP: numberSetting('a whole number, 1 or more', 7, (v) => v >= 1, { integer: true }),
  REQUEST_ANSWER_DAYS: numberSetting('a whole number of working days from 1 to 90', 15, (v) => v >= 1 && v <= 90, { integer: true }),
  NODE_ENV: optionalText(),
  BENCH_ROUTES: flag(BOOLEAN, false, ['true', '1']),
});

/** The names of every variable the site reads. */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as (keyof typeof environmentSchema.shape)[];

type Environment = z.output<typeof environmentSchema>;

export interface AppConfig {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  host: string;
  /** The embedded SQLite database's file; null on PostgreSQL. */
  databaseFile: string | null;
  /** The PostgreSQL server and its connection pool; null on SQLite. */
  postgres: { url: string; poolMax: number; poolWaitMs: number } | null;
  /** Where generated secrets, uploads and the server's pid file live: DATA_DIR, or the database file's directory. */
  dataDir: string;
  /** The site's public origin when known (e.g. https://data.example.gov.cn). */
  publicUrl: URL | null;
  trustProxy: string | number | null;
  /** Deployment secrets given in the environment; the rest are generated into secrets.json. */
  secrets: { session?: string; pseudonym?: string; totp?: string; unsubscribe?: string };
  timeZone: string;
  seedDemoData: boolean;
  maxUploadBytes: number;
  maxAttachmentBytes: number;
  mail: {
    from: string;
    smtpUrl: string | null;
    smtpHost: string | null;
    smtpPort: number;
    smtpUser: string | null;
    smtpPassword: string;
    smtpSecure: boolean;
  };
  skipBuildCheck: boolean;
  workerThreads: number;
  workerIdleMs: number;
  pageCacheSeconds: number;
  sqlLogFile: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  metricsToken: string | null;
  databaseMaxMb: number | null;
  importMemoryMb: number;
  importMaxCellChars: number;
  importStallMs: number;
  /** Working days a department has to answer a data request before it shows as overdue. */
  requestAnswerDays: number;
  downloadStallMs: number;
  diskMinFreeBytes: number;
  backup: { dir: string | null; intervalMs: number; keep: number };
  /** A basemap's tile URL template with {z}, {x} and {y} (e.g. 天地图 with the county's key); null: maps draw without tiles. */
  mapTileUrl: string | null;
  benchRoutes: boolean;
}

const MB = 1024 * 1024;

function toConfig(env: Environment): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    port: env.PORT,
    host: env.HOST,
    databaseFile: env.DATABASE_URL.engine === 'sqlite' ? env.DATABASE_URL.file : null,
    postgres:
      env.DATABASE_URL.engine === 'postgres'
        ? { url: env.DATABASE_URL.url, poolMax: env.DATABASE_POOL_MAX, poolWaitMs: env.DATABASE_POOL_WAIT_MS }
        : null,
    // With PostgreSQL there is no database file beside which to keep them (checked in parseConfig).
    dataDir: env.DATA_DIR ?? (env.DATABASE_URL.engine === 'sqlite' ? path.dirname(env.DATABASE_URL.file) : ''),
    publicUrl: env.PUBLIC_URL === null ? null : new URL(env.PUBLIC_URL),
    trustProxy: env.TRUST_PROXY,
    secrets: { session: env.SESSION_SECRET, pseudonym: env.PSEUDONYM_KEY, totp: env.TOTP_ENCRYPTION_KEY, unsubscribe: env.UNSUBSCRIBE_KEY },
    timeZone: env.TIME_ZONE,
    seedDemoData: env.SEED_DEMO_DATA,
    maxUploadBytes: Math.floor(env.MAX_UPLOAD_MB * MB),
    maxAttachmentBytes: Math.floor(env.ATTACHMENT_MAX_MB * MB),
    mail: {
      from: env.MAIL_FROM,
      smtpUrl: env.SMTP_URL,
      smtpHost: env.SMTP_HOST ?? null,
      smtpPort: env.SMTP_PORT,
      smtpUser: env.SMTP_USER ?? null,
      smtpPassword: env.SMTP_PASSWORD ?? '',
      smtpSecure: env.SMTP_SECURE || env.SMTP_PORT === 465,
    },
    skipBuildCheck: env.SKIP_BUILD_CHECK,
    workerThreads: env.WORKER_THREADS,
    workerIdleMs: env.WORKER_IDLE_MS,
    pageCacheSeconds: env.PAGE_CACHE_SECONDS,
    sqlLogFile: env.JDZ_SQL_LOG ?? null,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    metricsToken: env.METRICS_TOKEN ?? null,
    databaseMaxMb: env.DATABASE_MAX_MB,
    importMemoryMb: Math.floor(env.IMPORT_MEMORY_MB),
    importMaxCellChars: Math.floor(env.IMPORT_MAX_CELL_KB * 1024),
    importStallMs: env.IMPORT_STALL_SECONDS * 1000,
    requestAnswerDays: env.REQUEST_ANSWER_DAYS,
    downloadStallMs: env.DOWNLOAD_STALL_SECONDS * 1000,
    diskMinFreeBytes: env.DISK_MIN_FREE_MB * MB,
    backup: { dir: env.BACKUP_DIR ?? null, intervalMs: env.BACKUP_INTERVAL_HOURS * 3_600_000, keep: env.BACKUP_KEEP },
    mapTileUrl: env.MAP_TILE_URL,
    benchRoutes: env.BENCH_ROUTES,
  };
}

/** A configuration that cannot be used; the message names every bad variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; expected: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.expected}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), expected: issue.message })));
  }
  if (parsed.data.DATABASE_URL.engine === 'postgres' && parsed.data.DATA_DIR === null) {
    throw new ConfigError([{ variable: 'DATA_DIR', expected: 'a directory for uploads and generated secrets, required with a PostgreSQL DATABASE_URL' }]);
  }
  return toConfig(parsed.data);
}

let cached: AppConfig | undefined;

/** This process's configuration, parsed from its environment on first use. */
/**
 * The environment a child process of this one starts with: this process's variables (so the
 * child reads the same configuration), less those `leaveOut` names, with `overrides` on top.
 */
export function childEnvironment(overrides: Record<string, string> = {}, leaveOut: (name: string) => boolean = () => false): NodeJS.ProcessEnv {
  const env = { ...process.env, ...overrides };
  for (const name of Object.keys(env)) if (leaveOut(name)) delete env[name];
  return env;
}

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Reads the environment again (tests that change a setting between cases). */
export function reloadConfig(): AppConfig {
  cached = undefined;
  return config();
}
