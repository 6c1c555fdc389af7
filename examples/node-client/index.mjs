// Adds a website to a bot, follows the crawl to the end, then streams an answer.
// Usage: JARVIS_URL=http://127.0.0.1:3000 JARVIS_API_KEY=jsk_… node index.mjs [<url-to-ingest>] "<question>"
import { askQuestion, createJarvisClient, ingestSite, JarvisError } from '@jarvis/client';

const [url, question = 'What is this site about?'] = process.argv.slice(2);
const jarvis = createJarvisClient({
  url: process.env.JARVIS_URL ?? 'http://127.0.0.1:3000',
  apiKey: process.env.JARVIS_API_KEY,
});

try {
  const [bot] = await jarvis.bots.list.query();
  if (!bot)
    throw new Error('This workspace has no bot yet: run `pnpm jarvis ingest <url> --bot my-bot` once.');
  if (url) {
    const { job } = await ingestSite(jarvis, {
      botId: bot.id,
      url,
      crawl: { maxPages: 50 },
      onProgress: (state) => process.stderr.write(`\r${state.status}: ${JSON.stringify(state.progress)}   `),
    });
    process.stderr.write(`\ningest ${job.status}\n`);
  }
  for await (const chunk of askQuestion(jarvis, { botKey: bot.publishableKey, question })) {
    if (chunk.type === 'text-delta') process.stdout.write(chunk.text);
    if (chunk.type === 'sources-ready') {
      const sources = chunk.sources.map((source) => `[${source.number}] ${source.title} ${source.url}`);
      process.stdout.write(`\n\n${sources.join('\n')}\n`);
    }
  }
} catch (error) {
  // JarvisError says which: the server is unreachable, the key is wrong, or the input is invalid.
  if (error instanceof JarvisError) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
}
