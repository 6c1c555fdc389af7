// Release check for the four published packages, as a user would meet them: each packed tarball passes
// publint and "Are the Types Wrong?", and installs with npm into a throwaway project outside this
// workspace, where the consumer's TypeScript sees real types and the client talks to a real server.
// Needs the packages built (`pnpm -r run build`) and the npm registry for react, vue and @types/react.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { startJarvis } from '../start-jarvis.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const packageNames = ['chat', 'client', 'react', 'vue'];
const bin = (name) => join(root, 'node_modules/.bin', name);

let workDir;
/** Package folder name → its packed tarball. */
const tarballs = {};
let consumerDir;
let react18Dir;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'jarvis-packages-'));
  for (const name of packageNames) {
    // pnpm pack turns `workspace:*` ranges into the real versions, as publishing does.
    const { stdout } = await run('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', workDir], {
      cwd: join(root, 'packages', name),
    });
    tarballs[name] = join(workDir, stdout.trim().split('\n').at(-1).split('/').at(-1));
  }
  consumerDir = await installConsumer('consumer', {
    ...Object.fromEntries(packageNames.map((name) => [`@jarvis/${name}`, `file:${tarballs[name]}`])),
    react: '19.3.1',
    'react-dom': '19.3.1',
    '@types/react': '19.3.0',
    vue: '3.5.45',
    '@types/node': '20.19.43',
  });
  react18Dir = await installConsumer('consumer-react-18', {
    '@jarvis/chat': `file:${tarballs.chat}`,
    '@jarvis/react': `file:${tarballs.react}`,
    react: '18.3.1',
    'react-dom': '18.3.1',
    '@types/react': '18.3.8',
  });
});

/** Copies the consumer sources to `name` under the work folder and npm-installs `dependencies` there. */
async function installConsumer(name, dependencies) {
  const dir = join(workDir, name);
  await cp(fileURLToPath(new URL('consumer', import.meta.url)), dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: `jarvis-${name}`, private: true, type: 'module', dependencies }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  return dir;
}

after(() => rm(workDir, { recursive: true, force: true }));

describe('published packages', () => {
  for (const name of packageNames) {
    it(`@jarvis/${name} passes publint`, async () => {
      // The tarball pnpm packed is what gets published, so that is what publint reads.
      const tarball = await readFile(tarballs[name]);
      const { messages, pkg } = await publint({
        level: 'suggestion',
        pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      });
      assert.deepEqual(
        messages.map((message) => formatMessage(message, pkg)),
        [],
      );
    });

    it(`@jarvis/${name} passes Are the Types Wrong? (ESM-only profile)`, async () => {
      const result = await run(
        bin('attw'),
        [tarballs[name], '--profile', 'esm-only', '--format', 'ascii', '--no-color'],
        {
          cwd: workDir,
        },
      ).catch((error) => error);
      assert.equal(result.code ?? 0, 0, result.stdout);
    });
  }

  it('ships only built files, the README and the licence', async () => {
    for (const name of packageNames) {
      const { stdout } = await run('tar', ['-tzf', tarballs[name]]);
      const files = stdout.trim().split('\n');
      const unexpected = files.filter(
        (file) => !/^package\/(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file),
      );
      assert.deepEqual(unexpected, [], `@jarvis/${name} ships files it should not`);
      assert.ok(files.includes('package/LICENSE'), `@jarvis/${name} has no LICENSE`);
      assert.ok(!files.some((file) => file.endsWith('.test.js')), `@jarvis/${name} ships tests`);
    }
  });

  it('type-checks in a consumer project with no server package installed', async () => {
    const installed = await readdir(join(consumerDir, 'node_modules/@jarvis'));
    assert.deepEqual(installed.sort(), packageNames);
    // Node-style resolution for a Node script (skipLibCheck, as `tsc --init` sets it: tRPC's own types
    // assume a DOM), bundler-style for the browser packages with every declaration file checked. The
    // @ts-expect-error lines in the sources fail the check if any type degrades to `any`.
    for (const project of ['tsconfig.node.json', 'tsconfig.browser.json']) {
      const result = await run(bin('tsc'), ['-p', project], { cwd: consumerDir }).catch((error) => error);
      assert.equal(result.code ?? 0, 0, `${project}:\n${result.stdout}${result.stderr}`);
    }
  });

  it('imports every package in Node without a DOM (server rendering)', async () => {
    const { stdout } = await run(process.execPath, ['import-all.mjs'], { cwd: consumerDir });
    assert.match(stdout, /imported @jarvis\/chat, @jarvis\/client, @jarvis\/react, @jarvis\/vue/);
  });

  it('renders <JarvisChat> on the server with React 19 and React 18, and type-checks with both', async () => {
    for (const dir of [consumerDir, react18Dir]) {
      const { stdout } = await run(process.execPath, ['render-react.mjs'], { cwd: dir });
      assert.match(stdout, /^<jarvis-chat[^>]*><\/jarvis-chat>$/m, `in ${dir}`);
    }
    const result = await run(bin('tsc'), ['-p', 'tsconfig.react.json'], { cwd: react18Dir }).catch(
      (error) => error,
    );
    assert.equal(result.code ?? 0, 0, `React 18 types:\n${result.stdout}`);
  });

  it('has a changeset for every changed package (changeset status)', async () => {
    await run(bin('changeset'), ['status'], { cwd: root });
  });

  it('asks a running Jarvis a question through the installed client', async () => {
    const jarvis = await startJarvis();
    try {
      const { stdout } = await run(process.execPath, ['ask.mjs', jarvis.url, jarvis.botKey, jarvis.apiKey], {
        cwd: consumerDir,
      });
      const result = JSON.parse(stdout);
      assert.ok(result.answer.length > 0, 'the answer has text');
      assert.ok(result.sources > 0, 'the answer cites sources');
      assert.equal(result.bots, 1, 'the owner key lists the demo bot');
      assert.equal(result.unreachable, 'UNREACHABLE');
    } finally {
      await jarvis.stop();
    }
  });
});
