import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStaticSite } from './static-site-server.js';

describe('static site server', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'jarvis-static-site-'));
    await mkdir(join(root, 'site', 'docs'), { recursive: true });
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'site', 'index.html'), '<h1>Home</h1>');
    await writeFile(join(root, 'site', 'docs', 'index.html'), '<h1>Docs</h1>');
    await writeFile(join(root, 'site', 'docs', 'page.html'), '<h1>Page</h1>');
    await writeFile(join(root, 'elsewhere', 'index.html'), '<h1>Linked</h1>');
    await symlink(join(root, 'elsewhere'), join(root, 'site', 'linked'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Status, location and body of each path, as the server answers them. */
  async function answers(preload: boolean) {
    const site = await serveStaticSite(join(root, 'site'), { preload });
    try {
      const paths = ['/', '/docs', '/docs/', '/docs/page.html', '/linked/', '/missing.html', '/../secret'];
      return await Promise.all(
        paths.map(async (path) => {
          const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
          return [path, response.status, response.headers.get('location'), await response.text()];
        }),
      );
    } finally {
      await site.close();
    }
  }

  it('answers the same from memory (preload) as from the folder', async () => {
    const fromFolder = await answers(false);
    expect(fromFolder.map(([path, status]) => `${path} ${status}`)).toEqual([
      '/ 200',
      '/docs 301',
      '/docs/ 200',
      '/docs/page.html 200',
      '/linked/ 200',
      '/missing.html 404',
      '/../secret 404',
    ]);
    expect(await answers(true)).toEqual(fromFolder);
  });

  it('serves what it read at start when preloading, not later changes', async () => {
    const site = await serveStaticSite(join(root, 'site'), { preload: true });
    try {
      await writeFile(join(root, 'site', 'docs', 'page.html'), '<h1>Changed</h1>');
      expect(await (await fetch(`${site.url}/docs/page.html`)).text()).toBe('<h1>Page</h1>');
    } finally {
      await site.close();
      await writeFile(join(root, 'site', 'docs', 'page.html'), '<h1>Page</h1>');
    }
  });
});
