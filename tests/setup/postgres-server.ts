/**
 * `npm run test:pg`: one throwaway PostgreSQL server for the whole run (tests/helpers/postgres.ts);
 * each test file gets a database of its own on it (tests/setup/unit-db.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function startTestPostgres(project: TestProject) {
  const server = await startPostgres({ database: 'template_jdz' });
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}
