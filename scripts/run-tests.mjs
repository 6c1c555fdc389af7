// Runs every test runner in the repository, one after another, and ends with one line
// `N passed, N failed` summing them all (CI reads it). Exit code is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = `${root}.test-results`;
await rm(resultsDir, { recursive: true, force: true });
await mkdir(resultsDir, { recursive: true });

/** Each runner: how to start it and how to count what it ran. */
const runners = [
  {
    name: 'lint (biome)',
    command: ['node_modules/.bin/biome', 'check', '.'],
    cwd: root,
    count: async (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 }),
  },
  {
    name: 'typecheck (tsc)',
    command: ['npx', '-y', 'pnpm@12.4.2', '-r', '--workspace-concurrency=1', 'run', 'typecheck'],
    cwd: root,
    count: async (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 }),
  },
  {
    name: 'server: unit, integration, e2e (vitest)',
    command: [
      'node_modules/.bin/vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsDir}/server.json`,
    ],
    cwd: `${root}apps/server`,
    count: (code) => countVitest(`${resultsDir}/server.json`, code),
  },
  {
    name: 'server on PostgreSQL: the database-backed tests again (vitest)',
    command: [
      'node_modules/.bin/vitest',
      'run',
      '--config',
      'vitest.postgres.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsDir}/server-postgres.json`,
    ],
    cwd: `${root}apps/server`,
    count: (code) => countVitest(`${resultsDir}/server-postgres.json`, code),
  },
  {
    name: 'widget: browser (web-test-runner)',
    command: ['node_modules/.bin/web-test-runner'],
    cwd: `${root}packages/chat`,
    count: (code, output) => countWebTestRunner(output, code),
  },
  ...['react', 'client'].map((name) => ({
    name: `${name}: node (vitest)`,
    command: [
      'node_modules/.bin/vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsDir}/${name}.json`,
    ],
    cwd: `${root}packages/${name}`,
    count: (code) => countVitest(`${resultsDir}/${name}.json`, code),
  })),
  ...['react', 'vue'].map((name) => ({
    name: `${name}: browser (web-test-runner)`,
    command: ['node_modules/.bin/web-test-runner'],
    cwd: `${root}packages/${name}`,
    count: (code, output) => countWebTestRunner(output, code),
  })),
  {
    name: 'packed packages (publint, attw, consumer project) and examples (node:test)',
    command: [
      process.execPath,
      '--test',
      '--test-reporter=spec',
      'scripts/release-check/published-packages.test.mjs',
      'examples/examples.test.mjs',
    ],
    cwd: root,
    count: (code, output) => countNodeTest(output, code),
  },
];

let passed = 0;
let failed = 0;
for (const runner of runners) {
  console.log(`\n━━ ${runner.name}`);
  const { code, output } = await run(runner.command, runner.cwd);
  const counts = await runner.count(code, output);
  // A runner that exits non-zero but reports no failed test (a crash, a config error) still fails the run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`━━ ${runner.name}: ${counts.passed} passed, ${counts.failed} failed`);
  passed += counts.passed;
  failed += counts.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

function run([command, ...args], cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    const keep = (stream, target) =>
      stream.on('data', (data) => {
        output += data;
        target.write(data);
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('error', (error) => {
      output += String(error);
      resolve({ code: 1, output });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function countVitest(file) {
  try {
    const report = JSON.parse(await readFile(file, 'utf8'));
    return { passed: report.numPassedTests, failed: report.numFailedTests };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function countWebTestRunner(output) {
  // The summary reporter prints e.g. "✓ 12 passed" and "✗ 1 failed" (or "12 passed, 1 failed").
  const plain = stripVTControlCharacters(output);
  const last = (pattern) => {
    const matches = [...plain.matchAll(pattern)];
    return matches.length ? Number(matches.at(-1)[1]) : 0;
  };
  return { passed: last(/(\d+) passed/g), failed: last(/(\d+) failed/g) };
}

function countNodeTest(output) {
  // node --test's spec reporter ends with "ℹ pass 12" and "ℹ fail 0".
  const plain = stripVTControlCharacters(output);
  const last = (pattern) => Number(plain.match(pattern)?.[1] ?? 0);
  return { passed: last(/^ℹ pass (\d+)$/m), failed: last(/^ℹ fail (\d+)$/m) };
}
