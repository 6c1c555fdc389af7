// One rollup config for every browser package. A package's build script runs
// `rollup -c ../../rollup.config.mjs` from its own folder, and the folder's name picks its builds from
// `buildsByPackage` below. To add a package (react, vue, dashboard), add its entry there.
import { readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import minifyTemplateLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8'));

/** The package's own dependencies: left as imports in npm builds, so the consumer's bundler dedupes them. */
const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/** Any other bare import would be left dangling in the published files: fail the build instead. */
function failOnUnresolvedImport(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT') {
    throw new Error(`${warning.message}. Add it to dependencies in ${manifest.name}'s package.json.`);
  }
  warn(warning);
}

// Test files sit beside the code they test; they are never built. @rollup/plugin-typescript
// inlines tslib's helpers (such as __decorate) since tslib is not a dependency; that is also why
// there is no `preserveModules` (RECIPES §6).
const compileTypeScript = (options) =>
  typescript({ tsconfig: './tsconfig.json', exclude: ['**/*.test.ts'], ...options });

/** (a) The npm build: ES modules with types, one file per entry plus shared chunks, dependencies external. */
function npmBuild(input) {
  return {
    input,
    external: isDependency,
    onwarn: failOnUnresolvedImport,
    output: { dir: 'dist', format: 'esm', sourcemap: true, chunkFileNames: '[name].js' },
    plugins: [compileTypeScript({ outDir: 'dist', declaration: true, declarationDir: 'dist' })],
  };
}

const minify = (module) =>
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } });

/**
 * (b) The CDN build: every dependency bundled in its production build, minified, as ES modules in
 * `dist/cdn/`. `<name>.js` is a stub of a few bytes that a page loads by a fixed URL; it imports the
 * code the closed widget needs from `widget/`, and that code imports the rest (the open panel) on
 * first use. Every chunk is named by a hash of its content, so it can be cached forever; only the
 * stub changes in place. Chunks import only each other, never the stub, so the stub may be served
 * under any name (the server's `/widget.js`) as long as `widget/` sits beside it.
 */
function cdnBuild({ input, name }) {
  return {
    input: { [name]: input },
    output: {
      dir: 'dist/cdn',
      format: 'esm',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'widget/[name]-[hash].js',
      manualChunks: initialChunk(input, `${name}-initial`),
      plugins: [minify(true)],
    },
    plugins: [
      // Terser leaves the text of html`` and css`` templates alone; this minifies their markup and CSS.
      minifyTemplateLiterals({ failOnError: true }),
      // `production` picks Lit's build without dev-mode checks and warnings.
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      compileTypeScript({ outDir: 'dist/cdn', declaration: false }),
    ],
  };
}

/**
 * Puts the entry and everything it imports statically into one hashed chunk, which turns the entry
 * file into a stub that re-exports it; what is only imported dynamically gets chunks of its own.
 */
function initialChunk(input, chunkName) {
  let initial;
  return (id, { getModuleInfo }) => {
    if (!initial) {
      initial = new Set();
      const pending = [resolve(packageDir, input)];
      while (pending.length > 0) {
        const module = getModuleInfo(pending.pop());
        if (!module || initial.has(module.id)) continue;
        initial.add(module.id);
        pending.push(...module.importedIds);
      }
    }
    return initial.has(id) ? chunkName : undefined;
  };
}

/**
 * (c) Self-contained types: one `.d.ts` with every type the entry names inlined, including the ones it
 * re-exports from other workspace packages (the server's router), so consumers need only the
 * package's own dependencies.
 */
function bundledTypes(input, file) {
  return {
    input,
    external: isDependency,
    // Following the server's types walks into its dependencies' declarations, which import optional
    // drivers that are not installed; what counts is what the bundle still imports, checked below.
    onwarn: (warning, warn) => warning.code !== 'UNRESOLVED_IMPORT' && warn(warning),
    output: { file, format: 'esm' },
    plugins: [dts({ respectExternal: true, tsconfig: './tsconfig.json' }), importsOnlyDependencies()],
  };
}

/** Fails the build when the bundled types import anything the package does not depend on. */
function importsOnlyDependencies() {
  return {
    name: 'imports-only-dependencies',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        const stray = chunk.type === 'chunk' ? chunk.imports.filter((id) => !isDependency(id)) : [];
        if (stray.length) {
          throw new Error(
            `${chunk.fileName} imports ${stray.join(', ')}, which ${manifest.name} does not depend on.`,
          );
        }
      }
    },
  };
}

/** Package folder name → the rollup options that build it. */
const buildsByPackage = {
  chat: () => [
    npmBuild({ index: 'src/index.ts', define: 'src/define.ts' }),
    // cdn-entry.ts registers the element: the one file a page loads.
    cdnBuild({ input: 'src/cdn-entry.ts', name: 'jarvis-chat' }),
  ],
  react: () => {
    const build = npmBuild({ index: 'src/index.ts' });
    // Rollup drops a module-level 'use client' from sources; the banner puts it back on the file React
    // Server Components frameworks (Next.js App Router) read, so the wrapper renders as a client component.
    return [{ ...build, output: { ...build.output, banner: "'use client';" } }];
  },
  vue: () => [npmBuild({ index: 'src/index.ts' })],
  client: () => {
    const build = npmBuild({ index: 'src/index.ts' });
    return [
      { ...build, plugins: [compileTypeScript({ outDir: 'dist', declaration: false })] },
      bundledTypes('src/index.ts', 'dist/index.d.ts'),
    ];
  },
};

const name = basename(packageDir);
const builds = buildsByPackage[name];
if (!builds) {
  throw new Error(
    `rollup.config.mjs has no build for package folder "${name}"; add one to buildsByPackage (${Object.keys(buildsByPackage).join(', ')}).`,
  );
}
// A clean slate, so files from earlier builds (renamed chunks, old maps) are never published.
rmSync(resolve(packageDir, 'dist'), { recursive: true, force: true });
export default builds();
