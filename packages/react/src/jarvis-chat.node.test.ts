import { readFile } from 'node:fs/promises';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// The package as shipped: dist/index.js, imported in Node as a server framework would.
const entry = new URL('../dist/index.js', import.meta.url);

describe('@jarvis/react on the server', () => {
  // The element's own properties (bot, api, mode, …) are set on the element once it hydrates in the
  // browser, as @lit/react does; the server sends the bare tag with the plain HTML attributes.
  it('imports in Node and renders the <jarvis-chat> tag to a string', async () => {
    const { JarvisChat } = (await import(entry.href)) as typeof import('./index.js');
    const html = renderToString(
      createElement(JarvisChat, {
        id: 'help',
        className: 'support',
        bot: 'pk_demo',
        api: 'https://jarvis.example',
      }),
    );
    expect(html).toBe('<jarvis-chat id="help" class="support"></jarvis-chat>');
  });

  it("starts with the 'use client' directive, so Next.js renders it as a client component", async () => {
    const source = await readFile(entry, 'utf8');
    expect(source.startsWith("'use client';")).toBe(true);
  });
});
