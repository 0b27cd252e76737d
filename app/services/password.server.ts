/**
 * Password hashing with scrypt at OWASP's recommended minimum (N=2^17, r=8, p=1: 128 MiB, about a
 * third of a second here). Parameters are stored in the hash, so they can be raised later and old
 * hashes still verify (and `needsRehash` says when to upgrade them at sign-in).
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scryptInPool = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * At most two hashes at once. scrypt runs in libuv's four threads, which file reads, gzip and DNS
 * share: a burst of sign-ins or registrations (each 128 MiB and a third of a second) once queued
 * every page that read a file behind it for seconds. The rest wait here, in order, using no memory.
 */
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  // A finishing hash hands its place straight to the next in line, so there are never more than two.
  if (running < MAX_CONCURRENT_HASHES) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await scryptInPool(password, salt, keylen, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const CURRENT = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * p + 16 * 1024 * 1024;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p } = CURRENT;
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r, p) });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    ...params,
    maxmem: maxmem(params.N, params.r, params.p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) < CURRENT.N || Number(r) < CURRENT.r || Number(p) < CURRENT.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification. Called when the account does not exist, so the
 * response time does not reveal which e-mail addresses are registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
