import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../adapters/db/port.js';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';
import { createBot } from '../modules/bots/bot-service.js';
import { BrowserSession } from '../test-support/browser-session.js';
import { callOverHttp, type HttpCallOutcome, type ProcedureType } from '../test-support/call-over-http.js';
import { joinByInvitation } from '../test-support/join-by-invitation.js';
import { createMemoryMailSender } from '../test-support/memory-mail-sender.js';
import { createTestClient, waitForJob } from '../test-support/trpc-test-client.js';
import { appRouter } from '../trpc/app-router.js';

// The cross-tenant matrix: every procedure of the router, called by everyone of workspace A (each
// role, its API key, its widget) and by an anonymous caller, with inputs naming workspace B's
// objects. Every call is refused or answers with the caller's own data only, and B's rows are the
// same afterwards. A procedure added to the router without an entry here fails the test.

const password = 'violet-harbour-lantern-42';
const pageOfA = 'https://a.example';
const pageOfB = 'https://b.example';
const refusals = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'];

/** Workspace B, the target: everything the matrix names, and the values that must never reach A. */
interface TenantB {
  workspaceId: string;
  ownerId: string;
  memberId: string;
  ownerCookie: string;
  apiKey: string;
  keyId: string;
  botId: string;
  botKey: string;
  sourceId: string;
  jobId: string;
  conversationId: string;
  questionId: string;
  answerId: string;
  /** A pending invitation of B's, to someone else, and its code. */
  invitationId: string;
  invitationCode: string;
  /** Values of B that no answer to A may contain, by what they are. */
  secrets: Record<string, string>;
}

/** Workspace A, the callers' own. */
interface TenantA {
  workspaceId: string;
  ownerId: string;
  ownerEmail: string;
}

type CallerName = 'anonymous' | 'A owner' | 'A admin' | 'A member' | 'A API key' | 'A widget';
const sessionCallers: CallerName[] = ['A owner', 'A admin', 'A member'];

/** Who calls: the headers they send, and for widget procedures the bot key and page they call from. */
interface Caller {
  name: CallerName;
  headers: Record<string, string>;
  widget: { botKey: string; origin: string };
}

interface MatrixEntry {
  /** Inputs naming B's objects; widget procedures get the caller's `botKey` added. */
  inputs: (b: TenantB, a: TenantA) => unknown[];
  /** Callers for whom the call is allowed: it must succeed, on their own data only. */
  ownDataFor?: CallerName[];
}

const widgetQuestion = 'What is the vault combination?';

const matrix: Record<string, MatrixEntry> = {
  'widget.config': { inputs: () => [{}], ownDataFor: ['A widget'] },
  'chat.send': {
    inputs: (b) => [
      { question: widgetQuestion, conversationId: b.conversationId },
      { question: widgetQuestion, conversationId: randomUUID() },
    ],
  },
  'chat.history': { inputs: (b) => [{ conversationId: b.conversationId }] },
  'chat.feedback': {
    inputs: (b) => [
      { messageId: b.answerId, rating: 'down', comment: 'planted by A' },
      { messageId: b.questionId, rating: 'up' },
    ],
  },
  'bots.list': { inputs: () => [undefined], ownDataFor: ['A API key'] },
  'bots.update': {
    inputs: (b) => [
      { botId: b.botId, name: 'Taken over', allowedOrigins: ['*'], settings: { greeting: 'Owned' } },
    ],
  },
  'bots.identitySecret': { inputs: (b) => [{ botId: b.botId }] },
  'bots.rotateIdentitySecret': { inputs: (b) => [{ botId: b.botId }] },
  'conversations.list': { inputs: (b) => [{}, { botId: b.botId }], ownDataFor: ['A API key'] },
  'conversations.get': { inputs: (b) => [{ conversationId: b.conversationId }] },
  'conversations.gaps': { inputs: (b) => [{}, { botId: b.botId }], ownDataFor: ['A API key'] },
  'sources.add': {
    inputs: (b) => [{ botId: b.botId, source: { kind: 'text', title: 'Planted', text: 'Planted by A.' } }],
  },
  'sources.list': { inputs: (b) => [{ botId: b.botId }] },
  'sources.get': { inputs: (b) => [{ sourceId: b.sourceId }] },
  'sources.resync': { inputs: (b) => [{ sourceId: b.sourceId }] },
  'sources.schedule': { inputs: (b) => [{ sourceId: b.sourceId, resync: 'daily' }] },
  'sources.remove': { inputs: (b) => [{ sourceId: b.sourceId }] },
  'jobs.get': { inputs: (b) => [{ jobId: b.jobId }] },
  'jobs.progress': { inputs: (b) => [{ jobId: b.jobId }] },
  'jobs.cancel': { inputs: (b) => [{ jobId: b.jobId }] },
  'accounts.me': { inputs: () => [undefined], ownDataFor: sessionCallers },
  'accounts.workspaces.list': { inputs: () => [undefined], ownDataFor: sessionCallers },
  'accounts.workspaces.create': { inputs: () => [{ name: 'Side project' }], ownDataFor: sessionCallers },
  'accounts.workspaces.setRequireMfa': {
    inputs: (b) => [{ workspaceId: b.workspaceId, requireMfa: true }],
  },
  'accounts.members.list': { inputs: (b) => [{ workspaceId: b.workspaceId }] },
  'accounts.members.invite': {
    inputs: (b, a) => [{ workspaceId: b.workspaceId, email: a.ownerEmail, role: 'owner' }],
  },
  'accounts.members.invitations': { inputs: (b) => [{ workspaceId: b.workspaceId }] },
  'accounts.members.revokeInvitation': {
    inputs: (b, a) => [
      { workspaceId: b.workspaceId, invitationId: b.invitationId },
      { workspaceId: a.workspaceId, invitationId: b.invitationId },
    ],
  },
  'accounts.invitations.accept': { inputs: (b) => [{ token: b.invitationCode }] },
  'accounts.members.setRole': {
    inputs: (b, a) => [
      { workspaceId: b.workspaceId, userId: b.memberId, role: 'owner' },
      { workspaceId: b.workspaceId, userId: a.ownerId, role: 'owner' },
      { workspaceId: a.workspaceId, userId: b.memberId, role: 'admin' },
    ],
  },
  'accounts.members.remove': {
    inputs: (b, a) => [
      { workspaceId: b.workspaceId, userId: b.ownerId },
      { workspaceId: b.workspaceId, userId: b.memberId },
      { workspaceId: a.workspaceId, userId: b.memberId },
    ],
  },
  'accounts.keys.list': { inputs: (b) => [{ workspaceId: b.workspaceId }] },
  'accounts.keys.create': { inputs: (b) => [{ workspaceId: b.workspaceId, name: 'planted' }] },
  'accounts.keys.revoke': {
    inputs: (b, a) => [
      { workspaceId: b.workspaceId, keyId: b.keyId },
      { workspaceId: a.workspaceId, keyId: b.keyId },
    ],
  },
  'accounts.audit.list': { inputs: (b) => [{ workspaceId: b.workspaceId }] },
  'accounts.audit.mine': { inputs: () => [undefined, { limit: 200 }], ownDataFor: sessionCallers },
};

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

let server: RunningServer;
let nextIp = 1;
const mail = createMemoryMailSender();
let a: TenantA;
let b: TenantB;
let callers: Caller[];
let before: Snapshot;

/** Signs up, follows the verification link, signs in; returns the session and who it is. */
async function signedInUser(email: string) {
  const session = new BrowserSession(server.url, `198.51.100.${nextIp++}`);
  expect((await session.post('/sign-up/email', { name: email.split('@')[0], email, password })).status).toBe(
    200,
  );
  await session.fetch(mail.lastLinkTo(email));
  expect((await session.post('/sign-in/email', { email, password })).status).toBe(200);
  const client = session.trpc();
  const me = await client.accounts.me.query();
  return { client, userId: me.id, email, cookie: session.headers().cookie ?? '' };
}

/** Asks B's bot a question as a visitor on B's own page and returns the end of the answer. */
async function askAsVisitorOfB(botKey: string, question: string, conversationId?: string) {
  const outcome = await callOverHttp(
    server.url,
    'chat.send',
    'subscription',
    { botKey, question, ...(conversationId ? { conversationId } : {}) },
    {
      headers: { origin: pageOfB },
      streamUntil: (chunk) => (chunk as { type: string }).type === 'answer-end',
      streamTimeoutMs: 10_000,
    },
  );
  const end = (outcome.data as { type: string }[]).find((chunk) => chunk.type === 'answer-end');
  if (!end) throw new Error(`B's visitor got no answer: ${outcome.body.slice(0, 300)}`);
  return end as unknown as { conversationId: string; messageId: string; status: string };
}

async function setUpB(): Promise<TenantB> {
  const orm = server.jarvis.database.orm;
  const owner = await signedInUser('bea@bravo.example');
  const member = await signedInUser('bo@bravo.example');
  const workspaceName = 'Bravo Holdings';
  const { id: workspaceId } = await owner.client.accounts.workspaces.create.mutate({ name: workspaceName });
  await joinByInvitation({
    inviter: owner.client,
    invitee: member.client,
    mail,
    workspaceId,
    email: member.email,
    role: 'admin',
  });
  const key = await owner.client.accounts.keys.create.mutate({ workspaceId, name: 'bravo ci' });
  const bot = await createBot(orm, {
    workspaceId,
    slug: 'bravo',
    name: 'Bravo Helpdesk',
    allowedOrigins: [pageOfB],
  });
  const ownerOfB = createTestClient(server.url, key.key);
  const sourceText = 'The vault combination is 4-8-15-16-23-42 and only the night manager may open it.';
  const { sourceId, jobId } = await ownerOfB.sources.add.mutate({
    botId: bot.id,
    source: { kind: 'text', title: 'Vault procedures', text: sourceText },
  });
  expect((await waitForJob(ownerOfB, jobId)).status).toBe('done');
  // An unanswered question first, so B has a coverage gap too, then one its source answers.
  const gapQuestion = 'Do you sell sourdough starter kits?';
  const gap = await askAsVisitorOfB(bot.publishableKey, gapQuestion);
  const answer = await askAsVisitorOfB(bot.publishableKey, widgetQuestion, gap.conversationId);
  const [question] = await queryRows<{ id: string }>(
    orm,
    sql`select id from messages where id = (select reply_to from messages where id = ${answer.messageId}::uuid)`,
  );
  const { identitySecret } = await ownerOfB.bots.identitySecret.query({ botId: bot.id });
  const invitation = await owner.client.accounts.members.invite.mutate({
    workspaceId,
    email: 'pat@bravo.example',
    role: 'admin',
  });
  const invitationCode = mail.lastInvitationCodeTo('pat@bravo.example');
  return {
    invitationId: invitation.invitationId,
    invitationCode,
    workspaceId,
    ownerId: owner.userId,
    memberId: member.userId,
    ownerCookie: owner.cookie,
    apiKey: key.key,
    keyId: key.id,
    botId: bot.id,
    botKey: bot.publishableKey,
    sourceId,
    jobId,
    conversationId: answer.conversationId,
    questionId: question!.id,
    answerId: answer.messageId,
    secrets: {
      'workspace id': workspaceId,
      'workspace name': workspaceName,
      'owner id': owner.userId,
      'owner email': owner.email,
      'member id': member.userId,
      'member email': member.email,
      'API key': key.key,
      'API key id': key.id,
      'API key prefix': key.prefix,
      'bot id': bot.id,
      'bot name': 'Bravo Helpdesk',
      'bot key': bot.publishableKey,
      'bot origin': pageOfB,
      'identity secret': identitySecret,
      'source id': sourceId,
      'source text': '4-8-15-16-23-42',
      'job id': jobId,
      'conversation id': answer.conversationId,
      'visitor question': gapQuestion,
      'answer id': answer.messageId,
      'invitation id': invitation.invitationId,
      'invited email': 'pat@bravo.example',
    },
  };
}

async function setUpA(): Promise<{ tenant: TenantA; callers: Caller[] }> {
  const owner = await signedInUser('ann@alpha.example');
  const admin = await signedInUser('al@alpha.example');
  const member = await signedInUser('abe@alpha.example');
  const [own] = await owner.client.accounts.workspaces.list.query();
  const workspaceId = own!.id;
  await joinByInvitation({
    inviter: owner.client,
    invitee: admin.client,
    mail,
    workspaceId,
    email: admin.email,
    role: 'admin',
  });
  await joinByInvitation({
    inviter: owner.client,
    invitee: member.client,
    mail,
    workspaceId,
    email: member.email,
    role: 'member',
  });
  const key = await owner.client.accounts.keys.create.mutate({ workspaceId, name: 'alpha ci' });
  const bot = await createBot(server.jarvis.database.orm, {
    workspaceId,
    slug: 'alpha',
    name: 'Alpha Assistant',
    allowedOrigins: [pageOfA],
  });
  // Everyone but A's own widget tries B's publishable key from A's page: the key alone opens nothing.
  const foreignPage = { botKey: b.botKey, origin: pageOfA };
  return {
    tenant: { workspaceId, ownerId: owner.userId, ownerEmail: owner.email },
    callers: [
      { name: 'anonymous', headers: {}, widget: foreignPage },
      { name: 'A owner', headers: { cookie: owner.cookie }, widget: foreignPage },
      { name: 'A admin', headers: { cookie: admin.cookie }, widget: foreignPage },
      { name: 'A member', headers: { cookie: member.cookie }, widget: foreignPage },
      { name: 'A API key', headers: { authorization: `Bearer ${key.key}` }, widget: foreignPage },
      // A script on A's page: A's own bot key, and A's Origin on every call it makes.
      {
        name: 'A widget',
        headers: { origin: pageOfA },
        widget: { botKey: bot.publishableKey, origin: pageOfA },
      },
    ],
  };
}

type Snapshot = Record<string, unknown[]>;

/** Every row of B's, read straight from the database, in a stable order. */
async function snapshotOfB(): Promise<Snapshot> {
  const orm = server.jarvis.database.orm;
  const botsOfB = sql`(select id from bots where workspace_id = ${b.workspaceId}::uuid)`;
  const sourcesOfB = sql`(select id from sources where bot_id in ${botsOfB})`;
  const queries = {
    workspace: sql`select * from workspaces where id = ${b.workspaceId}::uuid`,
    members: sql`select * from workspace_members where workspace_id = ${b.workspaceId}::uuid order by user_id`,
    bots: sql`select * from bots where workspace_id = ${b.workspaceId}::uuid order by id`,
    sources: sql`select * from sources where bot_id in ${botsOfB} order by id`,
    sourceFiles: sql`select source_id, name from source_files where source_id in ${sourcesOfB} order by source_id`,
    pageErrors: sql`select * from page_errors where source_id in ${sourcesOfB} order by id`,
    documents: sql`select * from documents where bot_id in ${botsOfB} order by id`,
    chunks: sql`select id, document_id, content from chunks where bot_id in ${botsOfB} order by id`,
    jobs: sql`select * from jobs where bot_id in ${botsOfB} order by id`,
    conversations: sql`select * from conversations where bot_id in ${botsOfB} order by id`,
    messages: sql`select * from messages where conversation_id in
      (select id from conversations where bot_id in ${botsOfB}) order by id`,
    apiKeys: sql`select * from api_keys where workspace_id = ${b.workspaceId}::uuid order by id`,
    invitations: sql`select * from workspace_invitations where workspace_id = ${b.workspaceId}::uuid order by id`,
    audit: sql`select * from audit_events where workspace_id = ${b.workspaceId}::uuid
      or user_id in (${b.ownerId}, ${b.memberId}) order by id`,
  };
  const snapshot: Snapshot = {};
  for (const [table, query] of Object.entries(queries)) {
    snapshot[table] = JSON.parse(JSON.stringify(await queryRows(orm, query)));
  }
  return snapshot;
}

/** The call as the caller makes it: widget procedures carry the caller's bot key and page. */
function callAs(caller: Caller, path: string, type: ProcedureType, input: unknown) {
  const widget = path.startsWith('widget.') || path.startsWith('chat.');
  if (!widget) return callOverHttp(server.url, path, type, input, { headers: caller.headers });
  return callOverHttp(
    server.url,
    path,
    type,
    { ...(input as object), botKey: caller.widget.botKey },
    { headers: { ...caller.headers, origin: caller.widget.origin } },
  );
}

/** B's values that an answer contains, leaving out those the caller itself sent. */
function leaksIn(outcome: HttpCallOutcome, sent: unknown): string[] {
  const request = JSON.stringify(sent) ?? '';
  return Object.entries(b.secrets)
    .filter(([, value]) => !request.includes(value) && outcome.body.includes(value))
    .map(([what]) => what);
}

beforeAll(async () => {
  server = await startServer(
    loadConfig({
      PORT: '0',
      JARVIS_DEMO: 'false',
      JARVIS_TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'error',
      // A few hundred calls from one address; the limits have their own tests.
      JARVIS_RATE_LIMIT_IP: '1000000/60',
      JARVIS_RATE_LIMIT_API_KEY: '1000000/60',
      JARVIS_RATE_LIMIT_BOT: '1000000/60',
    }),
    { inMemory: true, mailSender: mail },
  );
  b = await setUpB();
  const setUp = await setUpA();
  a = setUp.tenant;
  callers = setUp.callers;
  before = await snapshotOfB();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("workspace B's objects, from every caller of workspace A and from no one", () => {
  it('names real objects: B itself reads everything the matrix asks for', async () => {
    const ownerOfB = createTestClient(server.url, b.apiKey);
    expect(
      (await ownerOfB.conversations.get.query({ conversationId: b.conversationId })).messages,
    ).toHaveLength(4);
    expect(await ownerOfB.conversations.gaps.query({ botId: b.botId })).not.toHaveLength(0);
    expect((await ownerOfB.sources.get.query({ sourceId: b.sourceId })).status).toBe('ready');
    expect((await ownerOfB.jobs.get.query({ jobId: b.jobId })).status).toBe('done');
    const history = await callOverHttp(
      server.url,
      'chat.history',
      'query',
      { botKey: b.botKey, conversationId: b.conversationId },
      { headers: { origin: pageOfB } },
    );
    expect(history.code).toBe('OK');
    const members = await callOverHttp(
      server.url,
      'accounts.members.list',
      'query',
      { workspaceId: b.workspaceId },
      { headers: { cookie: b.ownerCookie } },
    );
    expect(members.body).toContain(b.memberId);
    // Using B's own key stamps its last use; the matrix compares against B as it is from here on.
    before = await snapshotOfB();
  });

  it.each(procedures)(
    '$path ($type) is refused, or answers with the caller’s own data only',
    async ({ path, type }) => {
      const entry = matrix[path];
      if (!entry) throw new Error(`add ${path} to the matrix in tenant-isolation.test.ts`);
      // Compared with B as this procedure found it, so a change is blamed on this procedure alone.
      const start = await snapshotOfB();
      for (const caller of callers) {
        for (const input of entry.inputs(b, a)) {
          const outcome = await callAs(caller, path, type, input);
          const what = `${path} by ${caller.name} with ${JSON.stringify(input)}: ${outcome.body.slice(0, 300)}`;
          if (entry.ownDataFor?.includes(caller.name)) expect(outcome.code, what).toBe('OK');
          else expect(refusals, what).toContain(outcome.code);
          expect(leaksIn(outcome, input), what).toEqual([]);
        }
      }
      expect(await snapshotOfB(), `B's rows after ${path}`).toEqual(start);
    },
  );

  it('lists no procedure the router does not have', () => {
    const paths = new Set(procedures.map((procedure) => procedure.path));
    expect(Object.keys(matrix).filter((path) => !paths.has(path))).toEqual([]);
  });

  it("leaves every one of B's rows as it was", async () => {
    expect(await snapshotOfB()).toEqual(before);
    expect(before.messages).toHaveLength(4);
    expect(before.apiKeys).toHaveLength(1);
    expect(before.members).toHaveLength(2);
    expect(before.audit).not.toHaveLength(0);
  });
});
