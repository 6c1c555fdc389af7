// The installed client against a running Jarvis: node ask.mjs <url> <botKey> <apiKey>; prints JSON.
import { askQuestion, createJarvisClient } from '@jarvis/client';

const [url, botKey, apiKey] = process.argv.slice(2);
const client = createJarvisClient({ url, apiKey });
let answer = '';
let sources = 0;
for await (const chunk of askQuestion(client, { botKey, question: 'What is Jarvis?' })) {
  if (chunk.type === 'text-delta') answer += chunk.text;
  if (chunk.type === 'sources-ready') sources = chunk.sources.length;
}
const bots = (await client.bots.list.query()).length;
const unreachable = await createJarvisClient({ url: 'http://127.0.0.1:9' })
  .widget.config.query({ botKey })
  .catch((error) => error.code);
console.log(JSON.stringify({ answer, sources, bots, unreachable }));
