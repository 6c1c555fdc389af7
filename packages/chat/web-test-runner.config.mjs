// Browser tests in Chromium: every `src/**/*.test.ts`, served with a fake Jarvis server so the real
// tRPC transport runs end to end.
import { browserTests } from '../../scripts/web-test-runner-base.mjs';
import { fakeJarvisServer } from './test-support/fake-jarvis-server.mjs';

export default browserTests(import.meta.url, { middleware: [fakeJarvisServer] });
