import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway server's superuser URL; each test database is made on it. */
    postgresUrl: string;
  }
}

/** Starts one throwaway PostgreSQL for the whole run (vitest.postgres.config.ts). */
export default async function startPostgresForRun(project: TestProject) {
  const server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
