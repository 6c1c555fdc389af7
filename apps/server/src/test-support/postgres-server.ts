import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Where Debian (and most Linux packages) keep the server binaries, newest version first. */
function findPostgresBin(): string | undefined {
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [
    ...(onPath.status === 0 ? [onPath.stdout.trim()] : []),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const postgresBin = findPostgresBin();

/** Whether a PostgreSQL server can be started here (`.ci/run` installs Debian's; a user's machine may lack it). */
export const hasPostgresServer = postgresBin !== undefined;

/** A throwaway PostgreSQL cluster on loopback, without durability, deleted when stopped. */
export interface ThrowawayPostgres {
  /** Superuser connection URL of the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a new cluster in a temporary folder (initdb takes about a second). Postgres refuses to run
 * as root, so as root it runs as the `postgres` user that Debian's package creates.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (!postgresBin) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) found.');
  const dir = await mkdtemp(join(tmpdir(), 'jarvis-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    execFileSync('chown', ['postgres:postgres', dir]);
    await chmod(dir, 0o700);
  }
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(postgresBin, command), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(postgresBin, command), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
