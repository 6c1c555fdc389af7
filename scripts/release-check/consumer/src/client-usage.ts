// What a developer writes with @jarvis/client; it must type-check with only the published packages.
import {
  type AnswerChunk,
  askQuestion,
  createJarvisClient,
  ingestSite,
  JarvisError,
  type JarvisErrorCode,
  listConversations,
} from '@jarvis/client';

const client = createJarvisClient({ url: 'http://127.0.0.1:3000', apiKey: 'jsk_example' });

export async function example(botKey: string): Promise<string> {
  let text = '';
  for await (const chunk of askQuestion(client, { botKey, question: 'What is Jarvis?' })) {
    if (chunk.type === 'text-delta') text += chunk.text;
    if (chunk.type === 'sources-ready') text += chunk.sources.map((source) => source.url).join(', ');
  }
  const [bot] = await client.bots.list.query();
  if (bot) await ingestSite(client, { botId: bot.id, url: 'https://example.com/', crawl: { maxPages: 10 } });
  for await (const conversation of listConversations(client)) text += conversation.id;
  return text;
}

export function describeError(error: unknown): JarvisErrorCode | undefined {
  return error instanceof JarvisError ? error.code : undefined;
}

export const lastChunk: AnswerChunk['type'] = 'answer-end';

// The router's types are real, not `any`: a misspelled procedure or a wrong input is an error.
// @ts-expect-error there is no such procedure
client.bots.nonexistent.query();
// @ts-expect-error question must be a string
askQuestion(client, { botKey: 'pk_x', question: 42 });
