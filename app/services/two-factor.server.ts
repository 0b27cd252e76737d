/**
 * TOTP (RFC 6238) second factor: secrets are generated here, kept encrypted (AES-256-GCM with a
 * deployment key, so a copy of the database does not carry working authenticators), checked with
 * one step of clock drift either way, and enrolled through a QR code. Recovery codes are random,
 * shown once, stored as SHA-256.
 */
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { getSealedTotpSecret, consumeRecoveryCode } from '~/models/two-factor.server';
import { getSecret } from '~/secrets.server';

const ISSUER = '金点子';

function key(): Buffer {
  return crypto.createHash('sha256').update(getSecret('totp')).digest();
}

export function encryptTotpSecret(base32: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The secret, or null when the value was tampered with or made under another key. */
export function decryptTotpSecret(sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The secret offered for enrolment in this session: derived from the session (keyed), so the QR
 * code stays the same across reloads and failed attempts, and nothing is stored until a code
 * proves the app has it.
 */
export function enrolmentSecret(sessionId: string): string {
  const bytes = crypto.createHmac('sha256', key()).update(`totp-enrolment:${sessionId}`).digest().subarray(0, 20);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 20) }).base32;
}

function totp(base32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) });
}

export function totpUri(base32: string, email: string): string {
  return totp(base32, email).toString();
}

export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** Accepts the current code and its neighbours (phones drift); spaces in what was typed are ignored. */
export function verifyTotp(base32: string, code: string): boolean {
  const typed = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(typed)) return false;
  return totp(base32).validate({ token: typed, window: 1 }) !== null;
}

export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = crypto.randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(code.trim().toLowerCase().replace(/[^0-9a-f]/g, '')).digest('hex');
}

/**
 * Checks what was typed against the account's authenticator, or (where allowed) uses up a
 * recovery code. Returns which one matched.
 */
export async function verifySecondFactor(userId: number, typed: string, allowRecovery: boolean): Promise<'totp' | 'recovery' | null> {
  const sealed = await getSealedTotpSecret(userId);
  const secret = sealed ? decryptTotpSecret(sealed) : null;
  if (!secret) return null;
  if (verifyTotp(secret, typed)) return 'totp';
  if (allowRecovery && /^[0-9a-f]{5}-?[0-9a-f]{5}$/i.test(typed.trim()) && await consumeRecoveryCode(userId, hashRecoveryCode(typed))) return 'recovery';
  return null;
}
