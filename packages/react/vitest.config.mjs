// Node tests: the built package as a server renders it (`pnpm build` first).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['src/**/*.node.test.ts'], environment: 'node' } });
