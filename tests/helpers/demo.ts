/** The seeded demo accounts (db/seed.ts), as tests use them. */
export const DEMO_PASSWORD = 'Demo-2026-jindianzi';
export const ADMIN = 'admin@jindianzi.example';
export const TRANSPORT_OFFICIAL = 'transport@jindianzi.example';
export const CIVIL_OFFICIAL = 'civil@jindianzi.example';
export const PARTICIPANT = 'citizen@jindianzi.example';
