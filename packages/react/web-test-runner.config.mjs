// Browser tests in Chromium: every `src/**/*.test.ts` except the Node (server rendering) ones.
import { browserTests } from '../../scripts/web-test-runner-base.mjs';
import { reactAsEsModules } from './test-support/react-as-es-modules.mjs';

export default browserTests(import.meta.url, {
  files: ['src/**/*.test.ts', '!src/**/*.node.test.ts'],
  plugins: [reactAsEsModules()],
});
