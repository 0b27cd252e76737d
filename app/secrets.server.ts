/**
 * Deployment secrets. Each comes from the environment when set; otherwise it is generated once and
 * kept in `secrets.json` beside the database (mode 0600), so a fresh install needs no set-up and a
 * restart keeps sessions valid.
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

/** Writes the file atomically so two processes starting together never see half a file. */
function writeFile(file: string, secrets: SecretFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

const memo = new Map<SecretName, string>();

export function getSecret(name: SecretName): string {
  const fromEnv = config().secrets[name];
  if (fromEnv) return fromEnv;
  const known = memo.get(name);
  if (known) return known;
  const file = secretsFile();
  const stored = readFile(file);
  let value = stored[name];
  if (!value) {
    value = crypto.randomBytes(32).toString('base64url');
    writeFile(file, { ...stored, [name]: value });
    // Another process may have won the race; whatever is on disk now is the truth.
    value = readFile(file)[name] ?? value;
  }
  memo.set(name, value);
  return value;
}
