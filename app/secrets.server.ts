/**
 * Deployment secrets. Each comes from the environment when set; otherwise it is generated once and
 * kept in DATA_DIR/secrets.json (mode 0600), so a fresh install needs no set-up, a restart keeps
 * sessions valid, and every node that mounts DATA_DIR signs and verifies the same cookies and
 * pseudonyms. Never in the database: the TOTP encryption key beside the secrets it encrypts would
 * put both in every database dump.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '~/config.server';

/** Each may be given in the environment (SESSION_SECRET, PSEUDONYM_KEY, TOTP_ENCRYPTION_KEY, UNSUBSCRIBE_KEY). */
export type SecretName = keyof ReturnType<typeof config>['secrets'];

type SecretFile = Partial<Record<SecretName, string>>;

function secretsFile(): string {
  return path.join(config().dataDir, 'secrets.json');
}

function readFile(file: string): SecretFile {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SecretFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

const SECRET_NAMES: readonly SecretName[] = ['session', 'pseudonym', 'totp', 'unsubscribe'];

function generated(names: readonly SecretName[]): SecretFile {
  return Object.fromEntries(names.map((name) => [name, crypto.randomBytes(32).toString('base64url')]));
}

function tempFileFor(file: string): string {
  return `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Creates the file with every secret at once, exclusively: written whole to a temporary file, then
 * linked into place, which fails if another process (another node on the same DATA_DIR) created it
 * first. Whatever file exists afterwards is the truth for every process.
 */
function createExclusively(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempFileFor(file);
  fs.writeFileSync(temp, `${JSON.stringify(generated(SECRET_NAMES), null, 2)}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * A file an older version wrote with only some secrets gains the missing ones (atomically, by
 * rename). The server does this once at start-up, under the start-up lock (db/start-up-lock.ts),
 * so that nodes never race to add different values.
 */
function addMissing(file: string, stored: SecretFile): SecretFile {
  const missing = SECRET_NAMES.filter((name) => !stored[name]);
  if (missing.length === 0) return stored;
  const temp = tempFileFor(file);
  fs.writeFileSync(temp, `${JSON.stringify({ ...stored, ...generated(missing) }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return readFile(file);
}

/** Set on globalThis: the server's start-up code and the app build each load this module. */
const startedWith = globalThis as { jindianziSecretsEnsured?: boolean };

/**
 * Makes sure DATA_DIR/secrets.json holds every secret; called at start-up, under the start-up lock.
 * From then on this process never creates secrets: a file missing later means DATA_DIR is not the
 * one it started with (a shared mount that dropped), and new secrets there would sign cookies and
 * seal second factors that no other node can read.
 */
export function ensureSecrets(): void {
  const file = secretsFile();
  if (!fs.existsSync(file)) createExclusively(file);
  addMissing(file, readFile(file));
  startedWith.jindianziSecretsEnsured = true;
}

const memo = new Map<SecretName, string>();

export function getSecret(name: SecretName): string {
  const fromEnv = config().secrets[name];
  if (fromEnv) return fromEnv;
  const known = memo.get(name);
  if (known) return known;
  const file = secretsFile();
  if (startedWith.jindianziSecretsEnsured) {
    const value = readFile(file)[name];
    if (!value) throw new Error(`${file} is missing or holds no ${name} secret: is DATA_DIR the directory this server started with (a shared mount)?`);
    memo.set(name, value);
    return value;
  }
  // The CLI, scripts and tests: created on first use.
  if (!fs.existsSync(file)) createExclusively(file);
  let value = readFile(file)[name];
  if (!value) {
    ensureSecrets();
    value = readFile(file)[name];
  }
  if (!value) throw new Error(`${file} holds no ${name} secret`);
  memo.set(name, value);
  return value;
}
