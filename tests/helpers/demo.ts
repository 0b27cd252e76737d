import { Secret, TOTP } from 'otpauth';
/** The seeded demo accounts (db/seed.ts), as tests use them. */
export const DEMO_PASSWORD = 'Demo-2026-jindianzi';
export const ADMIN = 'admin@jindianzi.example';
export const TRANSPORT_OFFICIAL = 'transport@jindianzi.example';
export const CIVIL_OFFICIAL = 'civil@jindianzi.example';
export const PARTICIPANT = 'citizen@jindianzi.example';
/** The seeded staff accounts' authenticator secret (db/seed.ts DEMO_TOTP_SECRET, README). */
export const DEMO_TOTP_SECRET = 'JDZDEMOJDZDEMOJDZDEMOJDZDEMOJDZD';

/** The code an authenticator app with the demo secret shows now. */
export function demoTotpCode(): string {
  return new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}
