import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';
import { createApiKey } from '../modules/accounts/api-key-service.js';
import { createBot, ensureLocalWorkspace } from '../modules/bots/bot-service.js';
import { createTestClient, type TestClient } from './trpc-test-client.js';

export interface ServerWithBot {
  server: RunningServer;
  botId: string;
  botKey: string;
  apiKey: string;
  /** A client with a secret API key of the bot's workspace. */
  owner: TestClient;
  /** A client with no key, as the widget calls. */
  visitor: TestClient;
}

/** A server on an in-memory database, without the demo bot, and one empty bot with an owner key. */
export async function startServerWithBot(
  env: Record<string, string>,
  bot: { slug: string; name: string },
): Promise<ServerWithBot> {
  const server = await startServer(loadConfig({ PORT: '0', JARVIS_DEMO: 'false', ...env }), {
    inMemory: true,
  });
  const orm = server.jarvis.database.orm;
  const workspaceId = await ensureLocalWorkspace(orm);
  const created = await createBot(orm, { workspaceId, ...bot });
  const { key: apiKey } = await createApiKey(orm, workspaceId, 'test');
  return {
    server,
    botId: created.id,
    botKey: created.publishableKey,
    apiKey,
    owner: createTestClient(server.url, apiKey),
    visitor: createTestClient(server.url),
  };
}
