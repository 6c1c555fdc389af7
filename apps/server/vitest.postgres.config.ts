import { defineConfig } from 'vitest/config';
import { hasPostgresServer } from './src/test-support/postgres-server.js';

if (!hasPostgresServer) {
  console.warn(
    'PostgreSQL is not installed, so the tests on PostgreSQL are skipped (Debian: apt-get install postgresql).',
  );
}

/**
 * The database-backed tests again, on a throwaway PostgreSQL server instead of PGlite (`pnpm test`
 * runs both; src/test-support/use-postgres.ts says what changes).
 */
export default defineConfig({
  test: {
    include: hasPostgresServer
      ? ['src/modules/**/*.test.ts', 'src/http/**/*.test.ts', 'src/db/**/*.test.ts']
      : [],
    passWithNoTests: true,
    globalSetup: hasPostgresServer ? ['src/test-support/postgres-global-setup.ts'] : [],
    setupFiles: ['src/test-support/use-postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
