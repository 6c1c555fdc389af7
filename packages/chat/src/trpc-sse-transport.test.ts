import { expect, waitUntil } from '@open-wc/testing';
import type { AnswerChunk } from './answer-chunk.js';
import { ChatTransportError } from './chat-transport.js';
import { createTrpcSseTransport } from './trpc-sse-transport.js';

// These run against test-support/fake-jarvis-server.mjs, which speaks tRPC v11's wire format.
const transportFor = (botKey: string) => createTrpcSseTransport({ api: `${location.origin}/`, botKey });

interface SeenRequest {
  input: { botKey: string; question: string; conversationId?: string };
  accept: string;
  finished: boolean;
  abortedByClient: boolean;
}

async function seenByServer(question: string): Promise<SeenRequest> {
  const response = await fetch(`/__fake/requests?question=${encodeURIComponent(question)}`);
  return (await response.json()) as SeenRequest;
}

async function collect(iterable: AsyncIterable<AnswerChunk>): Promise<AnswerChunk[]> {
  const chunks: AnswerChunk[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createTrpcSseTransport', () => {
  it('loads the widget config with a tRPC query', async () => {
    const config = await transportFor('pk_test_ok_1234').loadConfig();
    expect(config).to.deep.equal({
      name: 'Test bot',
      greeting: 'Hello from the test bot.',
      starterQuestions: ['What is Jarvis?', 'How do I install it?'],
      accentColor: '#0a7d33',
      accentTextColor: '',
      avatarUrl: '',
      placeholder: 'Ask the test bot…',
      strings: {},
    });
  });

  it("reads the owner's avatar, text colour and wording, keeping only the widget's own string names", async () => {
    const config = await transportFor('pk_test_branded_1234').loadConfig();
    expect(config).to.deep.include({
      accentTextColor: '#1f2937',
      avatarUrl: 'https://cdn.example/avatar.png',
      strings: { en: { openChat: 'Ask our docs', send: 'Ask' }, es: { send: 'Preguntar' } },
    });
  });

  it("turns tRPC's error JSON into an error carrying the server's code and message", async () => {
    const error = await rejectionOf(transportFor('pk_test_missing_1234').loadConfig());
    expect(error).to.be.instanceOf(ChatTransportError);
    expect(error).to.deep.include({
      code: 'NOT_FOUND',
      message: 'No bot has this publishable key. Check the bot attribute.',
    });
    const streamError = await rejectionOf(
      collect(
        transportFor('pk_test_missing_1234').streamAnswer({ question: 'q' }, new AbortController().signal),
      ),
    );
    expect(streamError).to.deep.include({ code: 'NOT_FOUND' });
  });

  it('streams the answer chunks of a chat.send subscription in order, ignoring connected and ping', async () => {
    const question = 'transport: stream in order';
    const chunks = await collect(
      transportFor('pk_test_ok_1234').streamAnswer({ question }, new AbortController().signal),
    );
    expect(chunks.map((chunk) => chunk.type)).to.deep.equal([
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'sources-ready',
      'answer-end',
    ]);
    const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
    expect(text).to.equal('Jarvis answers from your site [1]. It streams too [2].');
    const seen = await seenByServer(question);
    expect(seen.input).to.deep.equal({ botKey: 'pk_test_ok_1234', question });
    expect(seen.accept).to.equal('text/event-stream');
    expect(seen.finished).to.equal(true);
  });

  it('sends the conversation id of a follow-up question', async () => {
    const question = 'transport: follow-up';
    const conversationId = '0b7f7d4e-8f4e-4c56-9a0f-2f1f7c1d2e3a';
    const chunks = await collect(
      transportFor('pk_test_ok_1234').streamAnswer(
        { question, conversationId },
        new AbortController().signal,
      ),
    );
    expect(chunks.at(-1)).to.deep.include({ type: 'answer-end', conversationId });
    expect((await seenByServer(question)).input).to.deep.equal({
      botKey: 'pk_test_ok_1234',
      question,
      conversationId,
    });
  });

  it('turns a serialized-error event into an error', async () => {
    const error = await rejectionOf(
      collect(
        transportFor('pk_test_ok_1234').streamAnswer(
          { question: 'fail please' },
          new AbortController().signal,
        ),
      ),
    );
    expect(error).to.deep.include({ code: 'BAD_REQUEST', message: 'question: too long' });
  });

  it('reports a stream that ends without tRPC’s return event as a lost connection', async () => {
    const error = await rejectionOf(
      collect(
        transportFor('pk_test_ok_1234').streamAnswer(
          { question: 'cut off please' },
          new AbortController().signal,
        ),
      ),
    );
    expect(error).to.deep.include({ code: 'NETWORK' });
  });

  it('aborts the HTTP request when the signal aborts, so the server stops writing', async () => {
    const question = 'slow please (transport)';
    const abort = new AbortController();
    const chunks: AnswerChunk[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of transportFor('pk_test_ok_1234').streamAnswer({ question }, abort.signal)) {
          chunks.push(chunk);
          abort.abort();
        }
      })(),
    );
    expect((error as DOMException).name).to.equal('AbortError');
    expect(chunks).to.have.length(1);
    await waitUntil(
      async () => (await seenByServer(question))?.abortedByClient,
      'the server saw the hang-up',
    );
    expect((await seenByServer(question)).finished).to.equal(false);
  });

  it('reports an unreachable server as a network error', async () => {
    const transport = createTrpcSseTransport({ api: 'http://127.0.0.1:9', botKey: 'pk_test_ok_1234' });
    expect(await rejectionOf(transport.loadConfig())).to.deep.include({ code: 'NETWORK' });
  });
});
