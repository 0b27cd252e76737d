import { Secret, TOTP } from 'otpauth';
/** The seeded demo accounts (db/seed.ts), as tests use them. */
export const DEMO_PASSWORD = 'Demo-2026-jindianzi';
export const ADMIN = 'admin@jindianzi.example';
export const TRANSPORT_OFFICIAL = 'transport@jindianzi.example';
export const CIVIL_OFFICIAL = 'civil@jindianzi.example';
export const PARTICIPANT = 'citizen@jindianzi.example';
/** The seeded staff accounts' authenticator secret (db/seed.ts DEMO_TOTP_SECRET, README). */
export const DEMO_TOTP_SECRET = 'JDZDEMOJDZDEMOJDZDEMOJDZDEMOJDZD';

/** The code an authenticator app with this secret shows now (or `offsetSteps` periods away). */
export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** The code the demo authenticator shows now. */
export function demoTotpCode(): string {
  return totpCode(DEMO_TOTP_SECRET);
}
