import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit for the PostgreSQL engine (docs/decisions/012-postgresql.md). `npm run db:generate:pg`
 * writes a migration to db/migrations-pg after db/schema.ts (hence db/schema.pg.ts) changed;
 * generating needs no database. DATABASE_URL is used only when it names a PostgreSQL database.
 */
const url = process.env.DATABASE_URL;

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
  ...(url && /^postgres(ql)?:\/\//.test(url) ? { dbCredentials: { url } } : {}),
  strict: true,
  verbose: true,
});
