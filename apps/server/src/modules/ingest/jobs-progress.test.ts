import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';
import {
  type RouteHandler,
  type StaticSite,
  serveStaticSite,
} from '../../test-support/static-site-server.js';
import { createTestClient, type TestClient } from '../../test-support/trpc-test-client.js';
import { createApiKey } from '../accounts/api-key-service.js';
import { createBot, ensureLocalWorkspace } from '../bots/bot-service.js';

let server: RunningServer;
let site: StaticSite;
let dir: string;
let owner: TestClient;
let botId: string;
const pageCount = 12;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jarvis-progress-'));
  // Pages answer after 400 ms, so the job (four waves of requests) outlasts several of the
  // subscription's half-second polls even when the crawl stores all arrived pages in one round.
  const slow =
    (title: string, links: string[] = []): RouteHandler =>
    (_request, response) => {
      const html = `<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${title} explains one rule of the shop in its own words.</p>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</main></body></html>`;
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(html), 400);
      return true;
    };
  const names = Array.from({ length: pageCount }, (_, index) => `rule-${index}.html`);
  const routes: Record<string, RouteHandler> = { '/': slow('Rules', [...names, 'gone.html']) };
  for (const name of names) routes[`/${name}`] = slow(name);
  site = await serveStaticSite(dir, { routes });
  server = await startServer(
    loadConfig({ PORT: '0', JARVIS_CRAWL_ALLOW_HOSTS: '127.0.0.1', JARVIS_DEMO: 'false' }),
    { inMemory: true },
  );
  const orm = server.jarvis.database.orm;
  const workspaceId = await ensureLocalWorkspace(orm);
  botId = (await createBot(orm, { workspaceId, slug: 'rules', name: 'Rules' })).id;
  owner = createTestClient(server.url, (await createApiKey(orm, workspaceId, 'test')).key);
});

afterAll(async () => {
  await server?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

type Snapshot = { status: string; progress: Record<string, unknown> };

describe('jobs.progress', () => {
  it('streams pages found, fetched and failed and chunks embedded while the job runs', async () => {
    const { jobId } = await owner.sources.add.mutate({
      botId,
      source: { kind: 'site', location: `${site.url}/`, options: {} },
    });
    const snapshots = await new Promise<Snapshot[]>((resolve, reject) => {
      const seen: Snapshot[] = [];
      const subscription = owner.jobs.progress.subscribe(
        { jobId },
        {
          onData: (job) => {
            seen.push(job);
            if (['done', 'failed', 'cancelled'].includes(job.status)) {
              subscription.unsubscribe();
              resolve(seen);
            }
          },
          onError: reject,
        },
      );
    });
    const last = snapshots.at(-1)!;
    expect(last).toMatchObject({
      status: 'done',
      progress: { discovered: pageCount + 2, fetched: pageCount + 1, failed: 1, stored: pageCount + 1 },
    });
    expect(last.progress.chunks).toBeGreaterThanOrEqual(pageCount + 1);
    // Updates arrived part-way, not only at the end, and never went backwards.
    const fetchedWhileRunning = snapshots
      .filter((snapshot) => snapshot.status === 'running')
      .map((snapshot) => Number(snapshot.progress.fetched ?? 0));
    expect(fetchedWhileRunning.some((fetched) => fetched > 0 && fetched < pageCount + 1)).toBe(true);
    expect(fetchedWhileRunning).toEqual([...fetchedWhileRunning].sort((a, b) => a - b));
  });
});
