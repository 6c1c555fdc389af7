import { expect } from '@open-wc/testing';
import { parseServerSentEvents } from './sse-parser.js';

function streamOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect(pieces: string[]) {
  const events = [];
  for await (const event of parseServerSentEvents(streamOf(pieces))) events.push(event);
  return events;
}

describe('parseServerSentEvents', () => {
  it('reads named events, data and ids', async () => {
    const events = await collect([
      'event: connected\ndata: {}\n\n',
      'data: {"a":1}\nid: 7\n\n',
      'event: return\ndata: \n\n',
    ]);
    expect(events).to.deep.equal([
      { event: 'connected', data: '{}' },
      { event: 'message', data: '{"a":1}', id: '7' },
      { event: 'return', data: '' },
    ]);
  });

  it('joins events split anywhere across network chunks, including multi-byte characters', async () => {
    const text = 'data: {"text":"héllo ✓"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events = [];
    for await (const event of parseServerSentEvents(stream)) events.push(event);
    expect(events).to.deep.equal([{ event: 'message', data: '{"text":"héllo ✓"}' }]);
  });

  it('ignores comments and joins multi-line data', async () => {
    const events = await collect([': ping\n\ndata: a\r\ndata: b\r\n\r\n']);
    expect(events).to.deep.equal([{ event: 'message', data: 'a\nb' }]);
  });
});
