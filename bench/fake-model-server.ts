// A local OpenAI-compatible model server that streams a fixed answer instantly, run as its own
// process so the chat benchmark measures Jarvis, not the model. Prints its base URL on stdout.
import { startFakeOpenAIServer } from '../apps/server/src/test-support/fake-openai-server.js';

const server = await startFakeOpenAIServer();
server.setChatScript({
  tokens: 'The sources say this claim is supported by the cited study [1] .'.split(/(?<= )/),
});
// Requests are recorded for tests; a benchmark would only grow memory with them.
Object.defineProperty(server, 'requests', { value: { push() {} } });
console.log(server.url);
