import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';
import { createApiKey } from '../modules/accounts/api-key-service.js';
import { createBot, ensureLocalWorkspace } from '../modules/bots/bot-service.js';
import { BrowserSession } from '../test-support/browser-session.js';
import { createMemoryMailSender } from '../test-support/memory-mail-sender.js';
import { appRouter } from '../trpc/app-router.js';

// Property: whatever a caller sends to any procedure, the answer is a 2xx or a 4xx with a message,
// never a 5xx, and streamed procedures never report an internal error. Inputs mix random JSON with
// objects made of the field names the procedures read, holding random values or real ids, so that
// many get past validation into the procedures themselves.

let server: RunningServer;
let apiKey: string;
let botKey: string;
let botId: string;
/** A signed-in user's cookie and workspace, for the accounts procedures. */
let sessionCookie: string;
let accountWorkspaceId: string;

const mail = createMemoryMailSender();

beforeAll(async () => {
  server = await startServer(
    loadConfig({
      PORT: '0',
      JARVIS_DEMO: 'false',
      // The property sends hundreds of requests from one address; the limits have their own tests.
      JARVIS_RATE_LIMIT_IP: '1000000/60',
      JARVIS_RATE_LIMIT_API_KEY: '1000000/60',
      JARVIS_RATE_LIMIT_BOT: '1000000/60',
      JARVIS_RATE_LIMIT_FAILED_AUTH: '1000000/60',
    }),
    { inMemory: true, mailSender: mail },
  );
  const person = new BrowserSession(server.url, '127.0.0.1');
  const account = { email: 'fuzz@example.com', password: 'violet-harbour-lantern-42' };
  await person.post('/sign-up/email', { name: 'Fuzz', ...account });
  await person.fetch(mail.lastLinkTo(account.email));
  await person.post('/sign-in/email', account);
  sessionCookie = person.headers().cookie ?? '';
  accountWorkspaceId = (await person.trpc().accounts.workspaces.list.query())[0]!.id;
  const orm = server.jarvis.database.orm;
  const workspaceId = await ensureLocalWorkspace(orm);
  const bot = await createBot(orm, { workspaceId, slug: 'fuzz', name: 'Fuzz' });
  botKey = bot.publishableKey;
  botId = bot.id;
  apiKey = (await createApiKey(orm, workspaceId, 'fuzz')).key;
});

afterAll(async () => {
  await server?.close();
});

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

/** Mostly `valid`, sometimes anything at all: enough valid input to get past validation. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('', ' ', 'x'.repeat(3000), '\u0000<script>'),
);
const id = fc.oneof(
  { arbitrary: fc.constant('<real bot id>'), weight: 2 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'http://127.0.0.1/',
    'http://169.254.169.254/latest',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ),
);

/** The field names the procedures read, with values (extra fields are dropped by most schemas). */
const fieldArbitraries = {
  botKey: mostly(fc.oneof(fc.constant('<real bot key>'), fc.constant('pk_unknownunknown'))),
  botId: mostly(id),
  sourceId: mostly(id),
  jobId: mostly(id),
  conversationId: mostly(id),
  messageId: mostly(id),
  question: mostly(text),
  kind: mostly(fc.constantFrom('site', 'url', 'sitemap', 'file', 'text', 'folder')),
  location: mostly(url),
  text: mostly(text),
  title: mostly(text),
  name: mostly(text),
  contentBase64: mostly(fc.base64String({ maxLength: 200 })),
  options: mostly(
    fc.record(
      { maxPages: fc.integer(), maxDepth: fc.integer(), include: fc.array(text) },
      { requiredKeys: [] },
    ),
  ),
  settings: mostly(
    fc.record(
      {
        greeting: text,
        accentColor: fc.constantFrom('#123456', 'red'),
        temperature: fc.double(),
        strings: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ),
  ),
  allowedOrigins: mostly(fc.array(fc.oneof(fc.constant('*'), url))),
  rating: mostly(fc.constantFrom('up', 'down')),
  comment: mostly(text),
  limit: mostly(fc.integer()),
  before: mostly(
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      text,
    ),
  ),
  resync: mostly(fc.constantFrom('off', 'daily', 'weekly', 'monthly')),
  identity: mostly(fc.record({ id: text, name: text, email: text }, { requiredKeys: [] })),
  signature: mostly(text),
  workspaceId: mostly(
    fc.oneof({ arbitrary: fc.constant('<real workspace id>'), weight: 3 }, { arbitrary: id, weight: 1 }),
  ),
  email: mostly(fc.oneof(fc.constant('fuzz@example.com'), fc.emailAddress(), text)),
  role: mostly(fc.constantFrom('owner', 'admin', 'member')),
  userId: mostly(text),
  keyId: mostly(id),
  requireMfa: mostly(fc.boolean()),
};

const input = fc.oneof(
  { arbitrary: fc.record(fieldArbitraries), weight: 3 },
  { arbitrary: fc.record(fieldArbitraries, { requiredKeys: [] }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

const call = fc.record({
  procedure: fc.constantFrom(...procedures),
  input,
  withKey: fc.boolean(),
  withSession: fc.boolean(),
  origin: fc.constantFrom(undefined, undefined, 'https://elsewhere.example', 'null'),
});

/** Swaps the placeholders for the real ids, so the inputs reach past "not found". */
const withRealIds = (json: string) =>
  json
    .replaceAll('"<real bot key>"', JSON.stringify(botKey))
    .replaceAll('"<real bot id>"', JSON.stringify(botId))
    .replaceAll('"<real workspace id>"', JSON.stringify(accountWorkspaceId));

type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;

async function send({ procedure, input, withKey, withSession, origin }: Call) {
  const encoded = input === undefined ? undefined : withRealIds(JSON.stringify(input));
  const headers: Record<string, string> = {};
  if (withKey) headers.authorization = `Bearer ${apiKey}`;
  if (withSession) headers.cookie = sessionCookie;
  if (origin) headers.origin = origin;
  const url = new URL(`${server.url}/trpc/${procedure.path}`);
  if (procedure.type === 'mutation') {
    headers['content-type'] = 'application/json';
    const response = await fetch(url, { method: 'POST', headers, body: encoded ?? '' });
    return { status: response.status, body: await response.text() };
  }
  if (encoded !== undefined) url.searchParams.set('input', encoded);
  if (procedure.type === 'subscription') headers.accept = 'text/event-stream';
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  // A stream may go on (progress, an answer): its first second says whether it failed inside.
  const body = await readFor(response, 1000);
  abort.abort();
  return { status: response.status, body };
}

async function readFor(response: Response, ms: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), deadline - Date.now())),
    ]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

describe('any input to any procedure', () => {
  it('covers every procedure the router has', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(20);
    expect(new Set(procedures.map((procedure) => procedure.type))).toEqual(
      new Set(['query', 'mutation', 'subscription']),
    );
  });

  it('refuses text with a NUL character, which Postgres cannot store, with a message', async () => {
    const response = await fetch(`${server.url}/trpc/bots.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ botId, name: 'Docs\u0000bot' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Text may not contain NUL characters');
  });

  it('refuses a page cursor Postgres cannot store with a message, on every paged list', async () => {
    const before = '-221455-01-07T18:15:06.212Z';
    for (const [path, headers] of [
      ['conversations.list', { authorization: `Bearer ${apiKey}` }],
      ['accounts.audit.mine', { cookie: sessionCookie }],
    ] as const) {
      const input = encodeURIComponent(JSON.stringify({ before }));
      const response = await fetch(`${server.url}/trpc/${path}?input=${input}`, { headers });
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain('before must be after 1970');
    }
  });

  it('gets a 2xx or a 4xx with a message, never a 5xx or an internal error', async () => {
    const statuses: string[] = [];
    await fc.assert(
      fc.asyncProperty(call, async (request) => {
        const { status, body } = await send(request);
        statuses.push(`${request.procedure.path} ${status}`);
        expect(status, `${request.procedure.path} answered ${status}: ${body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        expect(body, `${request.procedure.path}: ${body.slice(0, 300)}`).not.toContain(
          'INTERNAL_SERVER_ERROR',
        );
        // Node itself answers a request too large to read (413, 414, 431) before any code of ours runs.
        if (status >= 400 && ![413, 414, 431].includes(status)) expect(body).toMatch(/"message":"[^"]{8,}/);
      }),
      { numRuns: 1000, endOnFailure: true },
    );
    // The property is only worth something if many calls got past validation into the procedures.
    const accepted = new Set(
      statuses.filter((line) => line.endsWith(' 200')).map((line) => line.split(' ')[0]),
    );
    expect(accepted.size, [...accepted].join(', ')).toBeGreaterThanOrEqual(6);
  }, 240_000);
});
