import { fileURLToPath } from 'node:url';
import { bots } from '../../db/schema.js';
import { addSource, type IngestDeps, runJobNow } from '../ingest/ingest-service.js';
import { type Bot, createBot, ensureLocalWorkspace, findBotBySlug } from './bot-service.js';

/** Jarvis's own documentation (`docs/` at the repository root), which the demo bot answers from. */
export const demoDocsDir = fileURLToPath(new URL('../../../../../docs/', import.meta.url));

/**
 * On the first start (no bots at all) creates the demo bot and ingests the docs, so `/` answers
 * questions straight away. Later starts reuse it. Returns undefined once the owner has other bots
 * but deleted the demo one.
 */
export async function ensureDemoBot(deps: IngestDeps, publicUrl: string): Promise<Bot | undefined> {
  const workspaceId = await ensureLocalWorkspace(deps.orm);
  const existing = await findBotBySlug(deps.orm, workspaceId, 'demo');
  if (existing) return existing;
  const [anyBot] = await deps.orm.select({ id: bots.id }).from(bots).limit(1);
  if (anyBot) return undefined;

  const bot = await createBot(deps.orm, {
    workspaceId,
    slug: 'demo',
    name: 'Jarvis demo',
    settings: {
      greeting: "Hi, I'm the Jarvis demo. I've read Jarvis's documentation: ask me how it works.",
      starterQuestions: [
        'How do I install Jarvis?',
        'How do I add the widget to my site?',
        'Which settings can I change?',
      ],
    },
  });
  const { jobId } = await addSource(deps, bot.id, {
    kind: 'folder',
    location: demoDocsDir,
    options: { baseUrl: new URL('/demo-docs/', publicUrl).href },
  });
  await runJobNow(deps, jobId);
  return bot;
}
