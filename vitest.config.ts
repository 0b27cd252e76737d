import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';

/**
 * Three projects: unit tests beside their modules, integration tests against the real built
 * server over HTTP, and end-to-end tests in Debian's Chromium. `npm test` builds first and runs all.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['app/**/*.test.ts', 'db/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/unit-db.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/require-build.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/require-build.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time keeps a 2-core machine responsive.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
