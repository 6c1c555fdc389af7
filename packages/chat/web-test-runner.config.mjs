// Browser tests in the system Chromium (see RECIPES §3): every `src/**/*.test.ts`, served with a fake
// Jarvis server so the real tRPC transport runs end to end.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fakeJarvisServer } from './test-support/fake-jarvis-server.mjs';
import { summaryReporter } from './test-support/summary-reporter.mjs';

export default {
  files: 'src/**/*.test.ts',
  // `production` keeps Lit out of dev mode, as in the shipped bundle.
  nodeResolve: { exportConditions: ['production'] },
  middleware: [fakeJarvisServer],
  plugins: [
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      target: 'es2022',
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
          // Chromium's own background lookups (updates, accounts) go nowhere; tests only use 127.0.0.1.
          '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
  testFramework: { config: { timeout: 5000 } },
};
