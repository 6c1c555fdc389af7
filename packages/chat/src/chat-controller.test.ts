import { expect } from '@open-wc/testing';
import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';
import { ChatController, type FeedbackGiven, type FinishedAnswer } from './chat-controller.js';
import {
  type AnswerFeedback,
  type AnswerRequest,
  type ChatError,
  type ChatTransport,
  ChatTransportError,
} from './chat-transport.js';
import type { ConversationStorage, SavedConversation } from './conversation-storage.js';

const config: WidgetConfig = {
  name: 'Bot',
  greeting: 'Hi',
  starterQuestions: [],
  accentColor: '#000',
  accentTextColor: '',
  avatarUrl: '',
  placeholder: '',
  strings: {},
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A transport that plays back a script of chunks (or throws), 5 ms apart, and records what it was asked. */
function scriptedTransport(
  script: (request: AnswerRequest) => AnswerChunk[] | Error,
): ChatTransport & { requests: AnswerRequest[] } {
  const requests: AnswerRequest[] = [];
  return {
    requests,
    async loadConfig() {
      return config;
    },
    async *streamAnswer(request, signal) {
      requests.push(request);
      const result = script(request);
      if (result instanceof Error) throw result;
      for (const chunk of result) {
        await sleep(5);
        signal.throwIfAborted();
        yield chunk;
      }
    },
  };
}

const answer = (text: string, conversationId = 'c1'): AnswerChunk[] => [
  { type: 'text-delta', text },
  { type: 'sources-ready', sources: [{ number: 1, url: 'https://a.example', title: 'A' }] },
  { type: 'answer-end', conversationId, messageId: 'm1', status: 'complete' },
];

function recordingController(transport: ChatTransport) {
  const answers: FinishedAnswer[] = [];
  const errors: ChatError[] = [];
  const controller = new ChatController({
    transport,
    onAnswer: (finished) => answers.push(finished),
    onError: (error) => errors.push(error),
  });
  return { controller, answers, errors };
}

describe('ChatController', () => {
  it('streams an answer into the conversation and reports it when it ends', async () => {
    const { controller, answers } = recordingController(scriptedTransport(() => answer('Yes [1].')));
    await controller.send('  Does it work?  ');
    expect(controller.messages.map((m) => [m.role, m.text, m.status])).to.deep.equal([
      ['user', 'Does it work?', 'complete'],
      ['assistant', 'Yes [1].', 'complete'],
    ]);
    expect(controller.messages[1]?.sources).to.deep.equal([
      { number: 1, url: 'https://a.example', title: 'A' },
    ]);
    expect(answers).to.deep.equal([
      {
        text: 'Yes [1].',
        sources: [{ number: 1, url: 'https://a.example', title: 'A' }],
        conversationId: 'c1',
        status: 'complete',
      },
    ]);
  });

  it('notifies subscribers as the text grows, replacing only the message being written', async () => {
    const transport = scriptedTransport(() => [
      { type: 'text-delta', text: 'one ' },
      { type: 'text-delta', text: 'two' },
      { type: 'answer-end', conversationId: 'c1', messageId: 'm1', status: 'complete' },
    ]);
    const { controller } = recordingController(transport);
    const seen: string[] = [];
    const unsubscribe = controller.subscribe(() => seen.push(controller.messages.at(-1)?.text ?? ''));
    await controller.send('q');
    expect(seen).to.include.members(['one ', 'one two']);
    const question = controller.messages[0];
    await controller.send('q2');
    expect(controller.messages[0]).to.equal(question);
    unsubscribe();
    const count = seen.length;
    controller.reset();
    expect(seen.length).to.equal(count);
  });

  it('continues the same conversation on follow-ups, and starts a new one after reset()', async () => {
    const transport = scriptedTransport(() => answer('ok'));
    const { controller } = recordingController(transport);
    await controller.send('first');
    await controller.send('second');
    controller.reset();
    expect(controller.messages).to.deep.equal([]);
    await controller.send('third');
    expect(transport.requests).to.deep.equal([
      { question: 'first' },
      { question: 'second', conversationId: 'c1' },
      { question: 'third' },
    ]);
  });

  it('ignores blank questions and questions sent while an answer is being written', async () => {
    const transport = scriptedTransport(() => answer('ok'));
    const { controller } = recordingController(transport);
    await controller.send('   ');
    const first = controller.send('one');
    expect(controller.streaming).to.equal(true);
    await controller.send('two');
    await first;
    expect(transport.requests.map((r) => r.question)).to.deep.equal(['one']);
    expect(controller.streaming).to.equal(false);
  });

  it('keeps a stopped answer, marked stopped, and reports it', async () => {
    const { controller, answers } = recordingController(
      scriptedTransport(() => [
        { type: 'text-delta', text: 'partial ' },
        { type: 'text-delta', text: 'more' },
      ]),
    );
    // Stops as soon as the first piece is shown, before the second (5 ms later) can arrive.
    const firstPiece = new Promise<void>((resolve) => {
      const unsubscribe = controller.subscribe(() => {
        if (controller.messages[1]?.text !== 'partial ') return;
        unsubscribe();
        resolve();
      });
    });
    const done = controller.send('q');
    await firstPiece;
    controller.stop();
    await done;
    expect(controller.messages[1]).to.deep.include({ text: 'partial ', status: 'stopped' });
    expect(answers.map((a) => a.status)).to.deep.equal(['stopped']);
  });

  it('marks an unanswered question as such', async () => {
    const { controller, answers } = recordingController(
      scriptedTransport(() => [
        { type: 'text-delta', text: 'I could not find that.' },
        { type: 'answer-end', conversationId: 'c9', messageId: 'm9', status: 'unanswered' },
      ]),
    );
    await controller.send('q');
    expect(controller.messages[1]?.status).to.equal('unanswered');
    expect(answers[0]).to.deep.include({ status: 'unanswered', conversationId: 'c9' });
  });

  it('shows a transport error and retries the same question in place of the failed answer', async () => {
    let fail = true;
    const transport = scriptedTransport(() =>
      fail ? new ChatTransportError('NOT_FOUND', 'No such bot') : answer('fine'),
    );
    const { controller, errors, answers } = recordingController(transport);
    await controller.send('q');
    expect(controller.messages[1]).to.deep.include({
      status: 'error',
      error: { code: 'NOT_FOUND', message: 'No such bot' },
    });
    expect(errors).to.deep.equal([{ code: 'NOT_FOUND', message: 'No such bot' }]);
    expect(answers).to.deep.equal([]);
    fail = false;
    await controller.retry();
    expect(controller.messages.map((m) => [m.text, m.status])).to.deep.equal([
      ['q', 'complete'],
      ['fine', 'complete'],
    ]);
    expect(transport.requests.map((r) => r.question)).to.deep.equal(['q', 'q']);
  });

  it('turns an error chunk into an error message, keeping the text that came before', async () => {
    const { controller, errors } = recordingController(
      scriptedTransport(() => [
        { type: 'text-delta', text: 'Half an ' },
        { type: 'error', code: 'MODEL_ERROR', message: 'The model stopped responding.' },
      ]),
    );
    await controller.send('q');
    expect(controller.messages[1]).to.deep.include({ text: 'Half an ', status: 'error' });
    expect(errors).to.deep.equal([{ code: 'MODEL_ERROR', message: 'The model stopped responding.' }]);
  });

  it('never shows an unexpected exception to the visitor', async () => {
    const { controller } = recordingController(scriptedTransport(() => new TypeError('x is undefined')));
    await controller.send('q');
    expect(controller.messages[1]?.error).to.deep.equal({
      code: 'UNKNOWN',
      message: 'Something went wrong. Please try again.',
    });
  });

  it('loads the config, and reports why it could not', async () => {
    const { controller } = recordingController(scriptedTransport(() => []));
    await controller.loadConfig();
    expect(controller.config).to.deep.equal(config);

    const failing = recordingController({
      loadConfig: async () => {
        throw new ChatTransportError('FORBIDDEN', 'Not from this site.');
      },
      streamAnswer: scriptedTransport(() => []).streamAnswer,
    });
    await failing.controller.loadConfig();
    expect(failing.controller.configError).to.deep.equal({
      code: 'FORBIDDEN',
      message: 'Not from this site.',
    });
    expect(failing.errors).to.deep.equal([{ code: 'FORBIDDEN', message: 'Not from this site.' }]);
  });

  it('drops an answer still unwinding when the conversation is reset', async () => {
    const { controller, answers } = recordingController(scriptedTransport(() => answer('late')));
    const done = controller.send('q');
    controller.reset();
    await done;
    expect(controller.messages).to.deep.equal([]);
    expect(controller.conversationId).to.equal(undefined);
    expect(answers).to.deep.equal([]);
  });

  it('saves the conversation after each answer and picks it up again in a new controller', async () => {
    const saved: SavedConversation[] = [];
    const storage: ConversationStorage = {
      load: () => saved.at(-1),
      save: (conversation) => void saved.push(conversation),
      clear: () => void saved.splice(0),
    };
    const transport = scriptedTransport(() => answer('Kept.', 'c9'));
    await new ChatController({ transport, storage }).send('keep this');
    const restored = new ChatController({ transport, storage });
    expect(restored.conversationId).to.equal('c9');
    expect(restored.messages.map((m) => m.text)).to.deep.equal(['keep this', 'Kept.']);
    await restored.send('and continue');
    expect(transport.requests.at(-1)?.conversationId).to.equal('c9');
    restored.reset();
    expect(saved).to.deep.equal([]);
  });

  it('rates an answer through the transport, by the id the server gave it', async () => {
    const sent: AnswerFeedback[] = [];
    const transport = {
      ...scriptedTransport(() => answer('Rated.')),
      sendFeedback: async (feedback: AnswerFeedback) => void sent.push(feedback),
    };
    const given: FeedbackGiven[] = [];
    const controller = new ChatController({ transport, onFeedback: (feedback) => given.push(feedback) });
    expect(controller.canRate).to.equal(true);
    await controller.send('rate me');
    const answerMessage = controller.messages[1]!;
    await controller.rate(answerMessage.id, 'up', 'Clear');
    expect(sent).to.deep.equal([{ messageId: 'm1', rating: 'up', comment: 'Clear' }]);
    expect(given).to.deep.equal(sent);
    expect(controller.messages[1]?.feedback).to.equal('up');
  });

  it('sends the identity with each question: extra fields as attributes, until reset()', async () => {
    const transport = scriptedTransport(() => answer('Hi.'));
    const controller = new ChatController({ transport });
    controller.identify(
      { id: 'u1', email: 'u@example.com', plan: 'pro', seats: 3, name: undefined },
      'f'.repeat(64),
    );
    await controller.send('who am I');
    expect(transport.requests[0]?.identity).to.deep.equal({
      id: 'u1',
      email: 'u@example.com',
      attributes: { plan: 'pro', seats: 3 },
      signature: 'f'.repeat(64),
    });
    controller.reset();
    await controller.send('and now');
    expect(transport.requests[1]?.identity).to.equal(undefined);
  });
});
