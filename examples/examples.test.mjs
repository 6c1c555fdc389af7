// The examples as a developer runs them against a running Jarvis. React and Vue: built by Vite, served
// by `vite preview` and used in Chromium: the page's button asks the bot a question through the
// component's ref, the answer streams into the widget, and the app lists the answer's sources.
// node-client: the script asks the demo bot and prints the answer with its sources.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../scripts/chromium-launch-options.mjs';
import { startJarvis } from '../scripts/start-jarvis.mjs';

const run = promisify(execFile);
const haveChromium = existsSync(chromiumLaunchOptions.executablePath);

/** Serves a built example with `vite preview` on a free port; resolves to its URL and a stop function. */
async function preview(exampleDir, outDir) {
  const vite = join(exampleDir, 'node_modules/.bin/vite');
  const server = spawn(
    vite,
    ['preview', '--outDir', outDir, '--port', '0', '--host', '127.0.0.1', '--strictPort=false'],
    {
      cwd: exampleDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`vite preview exited (${code}):\n${output}`)));
    const read = (data) => {
      output += data;
      // Vite colours the port separately; strip escapes before reading the URL.
      const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stripVTControlCharacters(output));
      if (found) resolve(found[1]);
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
  });
  return { url, stop: () => server.kill('SIGTERM') };
}

describe('node-client example', () => {
  it('prints a streamed answer and its numbered sources; names the problem for a wrong key', async () => {
    const jarvis = await startJarvis();
    try {
      const script = fileURLToPath(new URL('node-client/index.mjs', import.meta.url));
      const env = { ...process.env, JARVIS_URL: jarvis.url, JARVIS_API_KEY: jarvis.apiKey };
      const { stdout } = await run(process.execPath, [script, '', 'How do I add the widget to my site?'], {
        env,
      });
      assert.match(stdout, /widget/i);
      assert.match(stdout, /^\[1\] .+ http:\/\/127\.0\.0\.1:\d+\/demo-docs\//m);

      const wrongKey = await run(process.execPath, [script], {
        env: { ...env, JARVIS_API_KEY: 'jsk_wrong' },
      }).catch((error) => error);
      assert.equal(wrongKey.code, 1);
      assert.match(wrongKey.stderr, /^UNAUTHORIZED: /m);
    } finally {
      await jarvis.stop();
    }
  });
});

describe('examples in Chromium', {
  skip: !haveChromium && `no Chromium at ${chromiumLaunchOptions.executablePath}`,
}, () => {
  let jarvis;
  let browser;
  let buildDir;

  before(async () => {
    jarvis = await startJarvis();
    browser = await chromium.launch(chromiumLaunchOptions);
    buildDir = await mkdtemp(join(tmpdir(), 'jarvis-examples-'));
  });

  after(async () => {
    await browser?.close();
    await jarvis?.stop();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  });

  for (const example of ['react', 'vue']) {
    it(`${example}: the page's button asks the bot and the answer's sources are listed`, async () => {
      const exampleDir = fileURLToPath(new URL(example, import.meta.url));
      const outDir = join(buildDir, example);
      await run(
        join(exampleDir, 'node_modules/.bin/vite'),
        ['build', '--outDir', outDir, '--logLevel', 'warn'],
        {
          cwd: exampleDir,
          env: { ...process.env, VITE_JARVIS_BOT: jarvis.botKey, VITE_JARVIS_URL: jarvis.url },
        },
      );
      const site = await preview(exampleDir, outDir);
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      try {
        await page.goto(site.url);
        await page.getByRole('button', { name: 'Ask how to add the widget' }).click();

        const answer = page.locator('jarvis-chat [part~="message"][data-role="assistant"]').last();
        await answer.getByRole('link').first().waitFor({ timeout: 20_000 });
        assert.match(await answer.textContent(), /script|widget/i);
        const sources = page.getByRole('list', { name: 'Sources of the last answer' }).getByRole('listitem');
        await sources.first().waitFor({ timeout: 10_000 });
        assert.match(await sources.first().textContent(), /\/demo-docs\//);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
        site.stop();
      }
    });
  }
});
