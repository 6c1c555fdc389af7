import { expect } from '@open-wc/testing';
import type { AnswerChunk, WidgetConfig } from './answer-chunk.js';
import { ChatController, type FinishedAnswer } from './chat-controller.js';
import { type ChatTransport, ChatTransportError } from './chat-transport.js';

const config: WidgetConfig = {
  name: 'Bot',
  greeting: 'Hi',
  starterQuestions: [],
  accentColor: '#000',
  placeholder: '',
};

function transportOf(
  script: (question: string, conversationId?: string) => AnswerChunk[] | Error,
): ChatTransport & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async loadConfig() {
      return config;
    },
    async *streamAnswer({ question, conversationId }, signal) {
      calls.push(`${question}|${conversationId ?? ''}`);
      const result = script(question, conversationId);
      if (result instanceof Error) throw result;
      for (const chunk of result) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (signal.aborted) throw new DOMException('aborted', 'AbortError');
        yield chunk;
      }
    },
  };
}

const answer = (text: string): AnswerChunk[] => [
  { type: 'text-delta', text },
  { type: 'sources-ready', sources: [{ number: 1, url: 'https://a.example', title: 'A' }] },
  { type: 'answer-end', conversationId: 'c1', messageId: 'm1', status: 'complete' },
];

describe('ChatController', () => {
  it('streams an answer into the conversation and reports it when done', async () => {
    const answers: FinishedAnswer[] = [];
    const controller = new ChatController(
      transportOf(() => answer('Yes [1].')),
      { onChange() {}, onAnswer: (a) => answers.push(a) },
    );
    await controller.send('  Does it work?  ');
    expect(controller.messages.map((m) => [m.role, m.text, m.status])).to.deep.equal([
      ['user', 'Does it work?', 'complete'],
      ['assistant', 'Yes [1].', 'complete'],
    ]);
    expect(answers[0]).to.deep.include({ text: 'Yes [1].', conversationId: 'c1', status: 'complete' });
  });

  it('continues the same conversation on follow-ups', async () => {
    const transport = transportOf(() => answer('ok'));
    const controller = new ChatController(transport, { onChange() {} });
    await controller.send('first');
    await controller.send('second');
    expect(transport.calls).to.deep.equal(['first|', 'second|c1']);
    controller.reset();
    await controller.send('third');
    expect(transport.calls.at(-1)).to.equal('third|');
  });

  it('keeps a stopped answer, marked as stopped', async () => {
    const controller = new ChatController(
      transportOf(() => [
        { type: 'text-delta', text: 'partial ' },
        { type: 'text-delta', text: 'more' },
      ]),
      { onChange() {} },
    );
    const done = controller.send('q');
    await new Promise((resolve) => setTimeout(resolve, 8));
    controller.stop();
    await done;
    expect(controller.messages[1]?.status).to.equal('stopped');
    expect(controller.messages[1]?.text).to.equal('partial ');
  });

  it('shows the server error and retries the same question', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const controller = new ChatController(
      transportOf(() => (fail ? new ChatTransportError('NOT_FOUND', 'No such bot') : answer('fine'))),
      { onChange() {}, onError: (e) => errors.push(e) },
    );
    await controller.send('q');
    expect(controller.messages[1]?.error).to.deep.equal({ code: 'NOT_FOUND', message: 'No such bot' });
    expect(errors).to.have.length(1);
    fail = false;
    await controller.retry();
    expect(controller.messages.map((m) => m.text)).to.deep.equal(['q', 'fine']);
  });
});
