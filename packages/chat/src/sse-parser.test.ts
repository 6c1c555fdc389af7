import { expect } from '@open-wc/testing';
import { parseServerSentEvents, type ServerSentEvent } from './sse-parser.js';

function streamOf(pieces: (string | Uint8Array)[], onCancel?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces)
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      if (!onCancel) controller.close();
    },
    cancel: onCancel,
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(stream)) events.push(event);
  return events;
}

// What @trpc/server writes for a short answer: each event ends with an extra blank line.
const trpcStream = [
  'event: connected\ndata: {"reconnectAfterInactivityMs":5000}\n\n\n',
  'data: {"type":"text-delta","text":"héllo ✓"}\nid: 0\n\n\n',
  'event: ping\ndata: \n\n\n',
  'data: {"type":"answer-end"}\n\n\n',
  'event: return\ndata: \n\n\n',
].join('');

const trpcEvents: ServerSentEvent[] = [
  { event: 'connected', data: '{"reconnectAfterInactivityMs":5000}' },
  { event: 'message', data: '{"type":"text-delta","text":"héllo ✓"}', id: '0' },
  { event: 'ping', data: '' },
  { event: 'message', data: '{"type":"answer-end"}' },
  { event: 'return', data: '' },
];

describe('parseServerSentEvents', () => {
  it("reads tRPC's named events, data and ids, skipping the empty events between them", async () => {
    expect(await collect(streamOf([trpcStream]))).to.deep.equal(trpcEvents);
  });

  it('gives the same events however the bytes are split across network chunks', async () => {
    const bytes = new TextEncoder().encode(trpcStream);
    // Every split point, including inside the multi-byte "é" and "✓" and between "\n" and "\n".
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const events = await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut)]));
      expect(events, `split at byte ${cut}`).to.deep.equal(trpcEvents);
    }
    const oneByteAtATime = [...bytes].map((byte) => new Uint8Array([byte]));
    expect(await collect(streamOf(oneByteAtATime))).to.deep.equal(trpcEvents);
  });

  it('accepts CRLF and CR line endings, even with a CRLF split between chunks', async () => {
    expect(await collect(streamOf(['data: a\r', '\ndata: b\r\n\r\n', 'data: c\r\r']))).to.deep.equal([
      { event: 'message', data: 'a\nb' },
      { event: 'message', data: 'c' },
    ]);
  });

  it('ignores comments and fields it does not know, and keeps a value without the optional space', async () => {
    expect(await collect(streamOf([': keep-alive\n\nretry: 1000\nfoo: bar\ndata:x\n\n']))).to.deep.equal([
      { event: 'message', data: 'x' },
    ]);
  });

  it('drops an event cut off before its blank line', async () => {
    expect(await collect(streamOf(['data: whole\n\ndata: half']))).to.deep.equal([
      { event: 'message', data: 'whole' },
    ]);
  });

  it('cancels the body when the reader stops early, closing the connection', async () => {
    let cancelled = false;
    const stream = streamOf(['data: 1\n\ndata: 2\n\n'], () => {
      cancelled = true;
    });
    for await (const event of parseServerSentEvents(stream)) {
      expect(event.data).to.equal('1');
      break;
    }
    expect(cancelled).to.equal(true);
  });
});
