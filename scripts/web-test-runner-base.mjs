// The web-test-runner setup every browser package shares: TypeScript through esbuild, Debian's
// Chromium through Playwright (RECIPES §3), and a summary line the root test script counts.
// Each package's config calls `browserTests(import.meta.url, { …its own additions })`.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from './chromium-launch-options.mjs';
import { summaryReporter } from './web-test-runner-summary.mjs';

export function browserTests(configUrl, { plugins = [], ...overrides } = {}) {
  return {
    files: 'src/**/*.test.ts',
    // `production` keeps Lit out of dev mode, as in the shipped bundles.
    nodeResolve: { exportConditions: ['production'] },
    plugins: [
      ...plugins,
      esbuildPlugin({
        ts: true,
        tsconfig: fileURLToPath(new URL('./tsconfig.json', configUrl)),
        target: 'es2022',
      }),
    ],
    browsers: [
      playwrightLauncher({
        product: 'chromium',
        launchOptions: chromiumLaunchOptions,
      }),
    ],
    reporters: [defaultReporter(), summaryReporter()],
    testFramework: { config: { timeout: 5000 } },
    ...overrides,
  };
}
