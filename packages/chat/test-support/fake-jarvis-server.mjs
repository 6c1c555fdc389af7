// A dev-server middleware for the browser tests that speaks the Jarvis server's tRPC wire format:
// widget.config as a JSON query and chat.send as an SSE subscription, with a few bot keys that
// misbehave on purpose.
import { PassThrough } from 'node:stream';

const config = {
  name: 'Test bot',
  greeting: 'Hello from the test bot.',
  starterQuestions: ['What is Jarvis?', 'How do I install it?'],
  accentColor: '#0a7d33',
  placeholder: 'Ask the test bot…',
};

const answers = {
  pk_test_ok_1234: {
    deltas: ['Jarvis answers ', 'from your site ', '[1]. ', 'It streams ', 'too [2].'],
    sources: [
      { number: 1, url: 'https://docs.example/intro', title: 'Intro' },
      { number: 2, url: 'https://docs.example/streaming', title: 'Streaming' },
    ],
  },
  pk_test_hostile_1234: {
    deltas: ['<img src=x onerror="window.__pwned=1"> ', 'see [1].'],
    sources: [{ number: 1, url: 'javascript:window.__pwned=1', title: '<b>bold</b>' }],
  },
};

function inputOf(ctx) {
  try {
    return JSON.parse(ctx.query.input ?? '');
  } catch {
    return undefined;
  }
}

function trpcError(ctx, status, code, message, path) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ error: { message, code: -32600, data: { code, httpStatus: status, path } } });
}

export async function fakeJarvisServer(ctx, next) {
  if (ctx.path === '/trpc/widget.config') {
    const input = inputOf(ctx);
    if (input?.botKey === 'pk_test_missing_1234') {
      return trpcError(
        ctx,
        404,
        'NOT_FOUND',
        'No bot has this publishable key. Check the bot attribute.',
        'widget.config',
      );
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ result: { data: config } });
    return;
  }
  if (ctx.path === '/trpc/chat.send') {
    const input = inputOf(ctx);
    const stream = new PassThrough();
    ctx.type = 'text/event-stream';
    ctx.set('cache-control', 'no-cache');
    ctx.body = stream;
    const send = (text) => stream.write(text);
    send('event: connected\ndata: {}\n\n');
    if (input?.question === 'fail please') {
      send(
        `event: serialized-error\ndata: ${JSON.stringify({ message: 'question: too long', code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } })}\n\n`,
      );
      stream.end();
      return;
    }
    const answer = answers[input?.botKey] ?? answers.pk_test_ok_1234;
    const slow = input?.question === 'slow please';
    let closed = false;
    ctx.req.on('close', () => {
      closed = true;
    });
    (async () => {
      for (const text of answer.deltas) {
        await new Promise((resolve) => setTimeout(resolve, slow ? 400 : 20));
        if (closed) return stream.end();
        // Split one event across two writes to prove the parser buffers partial lines.
        const event = `data: ${JSON.stringify({ type: 'text-delta', text })}\n\n`;
        send(event.slice(0, 9));
        send(event.slice(9));
      }
      send(`data: ${JSON.stringify({ type: 'sources-ready', sources: answer.sources })}\n\n`);
      const end = { type: 'answer-end', conversationId: 'c-1', messageId: 'm-1', status: 'complete' };
      send(`data: ${JSON.stringify(end)}\n\n`);
      send('event: return\ndata: \n\n');
      stream.end();
    })();
    return;
  }
  return next();
}
