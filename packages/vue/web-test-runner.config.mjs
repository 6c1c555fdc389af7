// Browser tests in the system Chromium (RECIPES §3): every `src/**/*.test.ts`.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { summaryReporter } from '../chat/test-support/summary-reporter.mjs';

export default {
  files: 'src/**/*.test.ts',
  nodeResolve: { exportConditions: ['production'] },
  // Vue's ES module build for bundlers reads `process.env.NODE_ENV` and three feature flags, which a
  // bundler would replace.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><body>
  <script>
    window.process = { env: { NODE_ENV: 'development' } };
    window.__VUE_OPTIONS_API__ = true;
    window.__VUE_PROD_DEVTOOLS__ = false;
    window.__VUE_PROD_HYDRATION_MISMATCH_DETAILS__ = false;
  </script>
  <script type="module" src="${testFramework}"></script>
</body></html>`,
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
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
  testFramework: { config: { timeout: 5000 } },
};
