// A web-test-runner middleware (koa-style) that speaks the Jarvis server's tRPC v11 wire format, so the
// widget's real transport is tested end to end in the browser: `widget.config` as a JSON query,
// `chat.send` as an SSE subscription (the events @trpc/server writes: connected, pings, data,
// return, serialized-error). Some bot keys and questions misbehave on purpose; `/__fake/requests`
// tells a test what the server saw, e.g. whether the browser hung up on a stream.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';

const config = {
  name: 'Test bot',
  greeting: 'Hello from the test bot.',
  starterQuestions: ['What is Jarvis?', 'How do I install it?'],
  accentColor: '#0a7d33',
  placeholder: 'Ask the test bot…',
};

/** A bot whose owner set every look-and-wording option the server offers. */
const brandedConfig = {
  ...config,
  name: 'Branded bot',
  accentColor: '#fde047',
  accentTextColor: '#1f2937',
  avatarUrl: 'https://cdn.example/avatar.png',
  // `notAString` is not one of the widget's texts: the widget drops it.
  strings: {
    en: { openChat: 'Ask our docs', send: 'Ask', notAString: 'dropped' },
    es: { send: 'Preguntar' },
  },
};

const answers = {
  pk_test_ok_1234: {
    deltas: ['Jarvis answers ', 'from your site ', '[1]. ', 'It streams ', 'too [2].'],
    sources: [
      { number: 1, url: 'https://docs.example/intro', title: 'Intro' },
      { number: 2, url: 'https://docs.example/streaming', title: 'Streaming' },
    ],
  },
  pk_test_markdown_1234: {
    deltas: [
      '## Install\n\nRun **this** with `npm` [1]:\n\n',
      '```sh\nnpm i @jarvis/chat\n```\n\n',
      '- one\n- two\n\n1. first\n2. second\n\n',
      '| a | b |\n|---|--:|\n| 1 | 2 |\n\n',
      'See [the docs](https://docs.example/install) or https://docs.example/a/very/long/path/that/keeps/going/and/going/without/any/break/at/all/anywhere',
    ],
    sources: [{ number: 1, url: 'https://docs.example/install', title: 'Install' }],
  },
  pk_test_hostile_1234: {
    deltas: ['<img src=x onerror="window.__pwned=1"> ', 'see [1] and [2].'],
    sources: [
      { number: 1, url: 'javascript:window.__pwned=1', title: '<b>bold</b>' },
      { number: 2, url: 'data:text/html,<script>window.__pwned=1</script>', title: 'data' },
    ],
  },
};

/** Source titles and URLs crafted to run script if the widget ever rendered them as HTML or links. */
const hostileSources = [
  { number: 1, url: 'javascript:window.__pwned=1', title: '<img src=x onerror="window.__pwned=1">' },
  { number: 2, url: 'JaVaScRiPt:window.__pwned=1', title: '<script>window.__pwned=1</script>' },
  {
    number: 3,
    url: 'data:text/html,<script>window.__pwned=1</script>',
    title: '<svg onload="window.__pwned=1">',
  },
  { number: 4, url: ' \tjavascript:window.__pwned=1', title: '<a href="javascript:window.__pwned=1">x</a>' },
  { number: 5, url: 'vbscript:msgbox(1)', title: '"><iframe srcdoc="<script>parent.__pwned=1</script>">' },
  {
    number: 6,
    url: 'https://ok.example/"><img src=x onerror=window.__pwned=1>',
    title: "' onmouseover='window.__pwned=1",
  },
];

/** What the server saw of each chat.send, by question: its input, and how the stream ended. */
const requests = new Map();

/** Feedback the server recorded, in order. */
const feedback = [];

const missingBot = {
  status: 404,
  code: 'NOT_FOUND',
  message: 'No bot has this publishable key. Check the bot attribute.',
};

function inputOf(ctx) {
  try {
    return JSON.parse(ctx.query.input ?? '');
  } catch {
    return undefined;
  }
}

/** The body tRPC v11 sends with a 4xx/5xx status. */
function sendTrpcError(ctx, { status, code, message }, path) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ error: { message, code: -32004, data: { code, httpStatus: status, path } } });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function widgetConfig(ctx) {
  const input = inputOf(ctx);
  if (input?.botKey === 'pk_test_missing_1234') return sendTrpcError(ctx, missingBot, 'widget.config');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    result: { data: input?.botKey === 'pk_test_branded_1234' ? brandedConfig : config },
  });
}

function chatSend(ctx) {
  const input = inputOf(ctx);
  if (input?.botKey === 'pk_test_missing_1234') return sendTrpcError(ctx, missingBot, 'chat.send');
  const record = { input, accept: ctx.get('accept'), finished: false, abortedByClient: false };
  requests.set(input?.question, record);

  const stream = new PassThrough();
  ctx.type = 'text/event-stream';
  ctx.set('cache-control', 'no-cache');
  ctx.body = stream;
  ctx.res.on('close', () => {
    if (!record.finished) record.abortedByClient = true;
  });
  const write = (text) => {
    if (!record.abortedByClient) stream.write(text);
  };
  const finish = () => {
    record.finished = true;
    stream.end();
  };
  // @trpc/server ends every event with an extra blank line; the parser must skip the empty event.
  const send = (fields) => write(`${fields}\n\n\n`);

  send('event: connected\ndata: {"reconnectAfterInactivityMs":5000}');
  const question = input?.question;
  if (question === 'fail please') {
    const error = {
      message: 'question: too long',
      code: -32600,
      data: { code: 'BAD_REQUEST', httpStatus: 400 },
    };
    send(`event: serialized-error\ndata: ${JSON.stringify(error)}`);
    return finish();
  }

  // The echo bot answers with the question itself, so a test can send any text through as an answer.
  const echo = input?.botKey === 'pk_test_echo_1234' && typeof question === 'string';
  const answer = echo
    ? { deltas: [question.slice(0, 7), question.slice(7)].filter(Boolean), sources: hostileSources }
    : (answers[input?.botKey] ?? answers.pk_test_ok_1234);
  const pause = question?.startsWith('slow please') ? 400 : 40;
  const conversationId = input?.conversationId ?? randomUUID();
  void (async () => {
    for (const [index, text] of answer.deltas.entries()) {
      await sleep(pause);
      if (record.abortedByClient) return stream.end();
      if (index === 1) send('event: ping\ndata: ');
      // Each event goes out in two writes to make the parser join partial lines.
      const event = `data: ${JSON.stringify({ type: 'text-delta', text })}\nid: ${index}\n\n`;
      write(event.slice(0, 9));
      write(event.slice(9));
      if (question === 'cut off please') return finish();
    }
    send(`data: ${JSON.stringify({ type: 'sources-ready', sources: answer.sources })}`);
    const status = question === 'unanswered please' ? 'unanswered' : 'complete';
    const timing = { timeToFirstTokenMs: 15, totalMs: 90 };
    const end = { type: 'answer-end', conversationId, messageId: randomUUID(), status, timing };
    send(`data: ${JSON.stringify(end)}`);
    send('event: return\ndata: ');
    finish();
  })();
}

/** chat.feedback, a tRPC mutation: a POST with the input as its JSON body. */
async function chatFeedback(ctx) {
  let body = '';
  for await (const piece of ctx.req) body += piece;
  const input = JSON.parse(body || 'null');
  if (input?.rating !== 'up' && input?.rating !== 'down') {
    const refused = { status: 400, code: 'BAD_REQUEST', message: "rating must be 'up' or 'down'" };
    return sendTrpcError(ctx, refused, 'chat.feedback');
  }
  feedback.push(input);
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ result: { data: { ok: true } } });
}

export async function fakeJarvisServer(ctx, next) {
  if (ctx.path === '/trpc/widget.config') return widgetConfig(ctx);
  if (ctx.path === '/trpc/chat.send') return chatSend(ctx);
  if (ctx.path === '/trpc/chat.feedback' && ctx.method === 'POST') return chatFeedback(ctx);
  if (ctx.path === '/__fake/feedback') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(feedback);
    return;
  }
  if (ctx.path === '/__fake/requests') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(requests.get(ctx.query.question) ?? null);
    return;
  }
  return next();
}
