// One rollup config for every browser package. Each package's build runs
// `rollup -c ../../rollup.config.mjs` from its own folder; the folder name picks the builds below.
import { basename } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const minify = (module) =>
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } });

/** Dependencies stay external in npm builds: the consumer's bundler dedupes them. */
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

const builds = {
  chat: () => [
    {
      input: { index: 'src/index.ts', define: 'src/define.ts' },
      external,
      output: { dir: 'dist', format: 'esm', sourcemap: true },
      plugins: [
        typescript({
          tsconfig: './tsconfig.json',
          outDir: 'dist',
          declaration: true,
          declarationDir: 'dist',
          exclude: ['src/**/*.test.ts'],
        }),
      ],
    },
    {
      // The CDN file: Lit bundled, registers the element when loaded, production build of Lit.
      input: 'src/define.ts',
      output: [
        { file: 'dist/cdn/jarvis-chat.min.js', format: 'esm', sourcemap: true, plugins: [minify(true)] },
        {
          file: 'dist/cdn/jarvis-chat.iife.min.js',
          format: 'iife',
          name: 'JarvisChat',
          sourcemap: true,
          plugins: [minify(false)],
        },
      ],
      plugins: [
        nodeResolve({ browser: true, exportConditions: ['production'] }),
        typescript({
          tsconfig: './tsconfig.json',
          declaration: false,
          outDir: 'dist/cdn',
          exclude: ['src/**/*.test.ts'],
        }),
      ],
    },
  ],
};

const name = basename(process.cwd());
if (!builds[name]) throw new Error(`rollup.config.mjs has no build for package folder "${name}"`);
export default builds[name]();
