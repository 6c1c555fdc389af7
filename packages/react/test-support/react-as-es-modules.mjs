// React ships CommonJS only, and the browser loads ES modules. This web-test-runner plugin bundles
// react and react-dom/client once, with esbuild, into one module (so there is one copy of React), and
// answers each bare import with a thin ES module over that bundle.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(packageDir);
/** Every named export of a CommonJS module, as Node loads it. */
const namesOf = (specifier) =>
  Object.keys(require(specifier)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));

const prefix = '/__react/';
const bundleEntry = `import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
export { React, ReactDOMClient };`;

const modules = {
  react: `import { React } from '${prefix}bundle.js';
export default React;
export const { ${namesOf('react').join(', ')} } = React;`,
  'react-dom/client': `import { ReactDOMClient } from '${prefix}bundle.js';
export default ReactDOMClient;
export const { ${namesOf('react-dom/client').join(', ')} } = ReactDOMClient;`,
};

export function reactAsEsModules() {
  let bundle;
  return {
    name: 'react-as-es-modules',
    resolveImport({ source }) {
      if (source in modules) return `${prefix}${encodeURIComponent(source)}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const name = decodeURIComponent(context.path.slice(prefix.length, -'.js'.length));
      if (name === 'bundle') {
        bundle ??= build({
          stdin: { contents: bundleEntry, resolveDir: packageDir },
          bundle: true,
          format: 'esm',
          write: false,
          define: { 'process.env.NODE_ENV': '"development"' },
        });
        return { body: (await bundle).outputFiles[0].text, type: 'js' };
      }
      if (name in modules) return { body: modules[name], type: 'js' };
    },
  };
}
