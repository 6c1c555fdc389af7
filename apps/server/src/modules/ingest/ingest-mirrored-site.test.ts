import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';
import { type StaticSite, serveStaticSite } from '../../test-support/static-site-server.js';
import { createTestClient, type TestClient } from '../../test-support/trpc-test-client.js';
import type { AppRouter } from '../../trpc/app-router.js';
import { createApiKey } from '../accounts/api-key-service.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';

const drfFolder = fileURLToPath(new URL('../../../../../../shared/fixtures/sites/drf/', import.meta.url));
const haveDrf = existsSync(drfFolder);
if (!haveDrf) {
  console.warn(
    `Skipping the mirrored-site ingest test: the DRF fixture site is not at ${drfFolder} (it comes with ../shared).`,
  );
}

describe.skipIf(!haveDrf)('ingesting a local mirror of the DRF docs from its production sitemap', () => {
  let server: RunningServer;
  let drf: StaticSite;
  let owner: TestClient;
  let botId: string;
  const production = 'https://www.django-rest-framework.org';

  beforeAll(async () => {
    // The fixture is served as published: its sitemap.xml.gz names the production origin.
    drf = await serveStaticSite(drfFolder);
    server = await startServer(
      loadConfig({ PORT: '0', JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1', JARVIS_DEMO: 'false' }),
      { inMemory: true },
    );
    const orm = server.jarvis.database.orm;
    const workspaceId = await ensureLocalWorkspace(orm);
    botId = (await createBot(orm, { workspaceId, slug: 'drf', name: 'DRF' })).id;
    owner = createTestClient(server.url, (await createApiKey(orm, workspaceId, 'test')).key);
  });

  afterAll(async () => {
    await server?.close();
    await drf?.close();
  });

  it('reads sitemap.xml.gz, maps the production origin to the mirror and stores all 70 pages', async () => {
    const { jobId, sourceId } = await owner.sources.add.mutate({
      botId,
      source: {
        kind: 'sitemap',
        location: `${production}/sitemap.xml.gz`,
        options: { mapOrigin: [{ from: production, to: drf.url }] },
      },
    });
    await expect
      .poll(async () => (await owner.jobs.get.query({ jobId })).status, { timeout: 120_000, interval: 500 })
      .toBe('done');
    const source = await owner.sources.get.query({ sourceId });
    expect(source).toMatchObject({ status: 'ready', pageCount: 70 });
    expect(source.pageErrors).toEqual([]);
    // Nothing was asked of the production site: every page came from the mirror.
    expect(drf.requests).toContain('/sitemap.xml.gz');
    expect(drf.requests).toContain('/topics/writable-nested-serializers/');
    expect(drf.requests).toContain('/theme/src/');
  });

  it('refuses a mapping that is not two http(s) origins, saying what it expects', async () => {
    const error = (await owner.sources.add
      .mutate({
        botId,
        source: {
          kind: 'sitemap',
          location: `${production}/sitemap.xml`,
          options: { mapOrigin: [{ from: production, to: 'file:///etc' }] },
        },
      })
      .catch((caught: unknown) => caught)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('mapOrigin takes http(s) origins');
  });
});
