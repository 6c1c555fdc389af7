// Browser tests in Chromium: every `src/**/*.test.ts`.
import { browserTests } from '../../scripts/web-test-runner-base.mjs';

export default browserTests(import.meta.url, {
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
});
