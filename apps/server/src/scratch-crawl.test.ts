import { join } from 'node:path';
import { it } from 'vitest';
import { createHttpFetcher } from './adapters/browser/http-fetcher.js';
import { crawlSite } from './modules/ingest/crawl-site.js';
import { serveStaticSite } from './test-support/static-site-server.js';

it('figures', async () => {
  const fetcher = createHttpFetcher({ allowHosts: ['127.0.0.1'] });
  for (const [name, start] of [
    ['drf', '/'],
    ['kinto', '/index.html'],
  ] as const) {
    const site = await serveStaticSite(join('/work/shared/fixtures/sites', name));
    const t = Date.now();
    const counts: Record<string, number> = {};
    const other: string[] = [];
    for await (const e of crawlSite(site.url + start, { maxDepth: 20, maxPages: 1000 }, fetcher)) {
      counts[e.type] = (counts[e.type] ?? 0) + 1;
      if (e.type === 'page') other.push(e.url);
    }
    console.log(name, Date.now() - t, 'ms', counts, other.join('\n'));
    await site.close();
  }
}, 120000);
