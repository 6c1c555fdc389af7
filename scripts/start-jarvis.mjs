// Starts the built `jarvis` CLI as a child process on a free port with a fresh data folder, for tests
// that need a real server: the client's tests, the packed-package check and the examples' browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../apps/server/dist/cli.js', import.meta.url));

/**
 * Starts Jarvis with the demo bot (and, first, an owner API key made by `jarvis keys create` on the
 * same data folder) and resolves once it listens.
 * @param {{ env?: Record<string, string> }} [options] extra environment, e.g. JARVIS_CRAWL_ALLOW_HOSTS
 * @returns {Promise<{ url: string, botKey: string, apiKey: string, stop: () => Promise<void> }>}
 */
export async function startJarvis(options = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'jarvis-test-'));
  const env = { ...process.env, JARVIS_DEMO: 'true', ...options.env };
  const keys = spawnSync(process.execPath, [cli, 'keys', 'create', '--data-dir', dataDir], {
    env,
    encoding: 'utf8',
  });
  if (keys.status !== 0) throw new Error(`jarvis keys create failed:\n${keys.stderr}`);
  const apiKey = keys.stdout.trim();

  const server = spawn(process.execPath, [cli, 'start', '--port', '0', '--data-dir', dataDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (data) => {
    output += data;
  });
  const { url, botKey } = await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`jarvis start exited (${code}):\n${output}`)));
    server.stdout.on('data', (data) => {
      output += data;
      const url = /Jarvis is running at (\S+)/.exec(output)?.[1];
      const botKey = /bot key (pk_[\w-]+)/.exec(output)?.[1];
      if (url && botKey) resolve({ url, botKey });
    });
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  return { url, botKey, apiKey, stop };
}
