import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from '../adapters/db/pglite.js';
import { type Database, type Orm, queryRows } from '../adapters/db/port.js';
import { migrate } from './migrate.js';

// The schema's security rules, read straight from the Postgres catalogue, and the policies tried in
// SQL as Supabase's `authenticated` role with the JWT claims of one user or another. This file runs on
// PGlite and, in the Postgres run (vitest.postgres.config.ts), on a real PostgreSQL server.

let database: Database;
let orm: Orm;

beforeAll(async () => {
  database = await createPgliteDatabase();
  orm = database.orm;
  await migrate(database);
});

afterAll(async () => {
  await database?.close();
});

/** Each rule of the house that the catalogue can check, as a query listing what breaks it. */
const schemaRules = {
  tablesWithoutRowLevelSecurity: `
    select c.relname as problem from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`,
  // Postgres prints a wrapped call as \`( SELECT auth.uid() AS uid)\`.
  policiesCallingAuthUidPerRow: `
    select tablename || '.' || policyname as problem from pg_policies
    where schemaname = 'public'
      and (coalesce(qual, '') || ' ' || coalesce(with_check, '')) ~* '(?<!select )auth\\.uid\\(\\)'`,
  functionsCallingAuthUidPerRow: `
    select p.proname as problem from pg_proc p
    where p.pronamespace in ('public'::regnamespace, 'jarvis_private'::regnamespace)
      and p.prosrc ~* '(?<!select )auth\\.uid\\(\\)'`,
  // An index serves a foreign key when its leading columns are the key's columns.
  unindexedForeignKeys: `
    select c.conrelid::regclass || ' (' || c.conname || ')' as problem from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)`,
  duplicateIndexes: `
    select a.indexrelid::regclass || ' = ' || b.indexrelid::regclass as problem
    from pg_index a join pg_index b
      on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid
     and a.indkey = b.indkey and a.indclass = b.indclass
     and coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '')
     and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
    join pg_class t on t.oid = a.indrelid
    where t.relnamespace = 'public'::regnamespace`,
  // A plain b-tree index on (a) is redundant beside one on (a, b): the longer one serves its queries.
  redundantIndexes: `
    select a.indexrelid::regclass || ' is covered by ' || b.indexrelid::regclass as problem
    from pg_index a join pg_index b on a.indrelid = b.indrelid and a.indexrelid <> b.indexrelid
    join pg_class t on t.oid = a.indrelid
    join pg_class ai on ai.oid = a.indexrelid join pg_am aam on aam.oid = ai.relam
    join pg_class bi on bi.oid = b.indexrelid join pg_am bam on bam.oid = bi.relam
    where t.relnamespace = 'public'::regnamespace
      and aam.amname = 'btree' and bam.amname = 'btree'
      and not a.indisunique and a.indpred is null and b.indpred is null
      and a.indexprs is null and b.indexprs is null
      and a.indnatts < b.indnatts
      and (b.indkey::int2[])[0:a.indnatts - 1] = (a.indkey::int2[])[0:a.indnatts - 1]`,
};

async function breakingRules(db: Orm): Promise<Record<keyof typeof schemaRules, string[]>> {
  const found = {} as Record<keyof typeof schemaRules, string[]>;
  for (const [rule, query] of Object.entries(schemaRules) as [keyof typeof schemaRules, string][]) {
    found[rule] = (await queryRows<{ problem: string }>(db, query)).map((row) => row.problem).sort();
  }
  return found;
}

describe('the schema, from the catalogue', () => {
  it('keeps every rule: RLS on every table, (select auth.uid()), indexed foreign keys, no duplicate indexes', async () => {
    expect(await breakingRules(orm)).toEqual({
      tablesWithoutRowLevelSecurity: [],
      policiesCallingAuthUidPerRow: [],
      functionsCallingAuthUidPerRow: [],
      unindexedForeignKeys: [],
      duplicateIndexes: [],
      redundantIndexes: [],
    });
    const [policies] = await queryRows<{ count: number }>(
      orm,
      'select count(*)::int as count from pg_policies',
    );
    expect(policies!.count).toBeGreaterThan(20);
  });

  it('reports each kind of break (checked on a table made to break them all)', async () => {
    const found = await inTransactionRolledBack(async (db) => {
      for (const statement of [
        'create table careless (id uuid primary key, bot_id uuid references bots (id), label text)',
        'create index careless_label_idx on careless (label)',
        'create index careless_label_again_idx on careless (label)',
        'create index careless_label_id_idx on careless (label, id)',
        'create table careless_policy (id uuid primary key)',
        'alter table careless_policy enable row level security',
        'create policy per_row on careless_policy using (id = auth.uid())',
        `create function jarvis_private.careless_ids() returns setof uuid language sql
           as $$ select id from public.careless_policy where id = auth.uid() $$`,
      ])
        await db.execute(sql.raw(statement));
      return breakingRules(db);
    });
    expect(found).toEqual({
      tablesWithoutRowLevelSecurity: ['careless'],
      policiesCallingAuthUidPerRow: ['careless_policy.per_row'],
      functionsCallingAuthUidPerRow: ['careless_ids'],
      unindexedForeignKeys: ['careless (careless_bot_id_fkey)'],
      duplicateIndexes: ['careless_label_idx = careless_label_again_idx'],
      redundantIndexes: [
        'careless_label_again_idx is covered by careless_label_id_idx',
        'careless_label_idx is covered by careless_label_id_idx',
      ],
    });
  });
});

/** Runs `work` in a transaction and rolls it back, returning what `work` returned. */
async function inTransactionRolledBack<T>(work: (db: Orm) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await orm
    .transaction(async (tx) => {
      result = await work(tx as unknown as Orm);
      throw new RollBack();
    })
    .catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return result as T;
}

describe('the policies, as the authenticated role', () => {
  const alice = randomUUID();
  const bob = randomUUID();
  const carol = randomUUID(); // a member (not admin) of Alice's workspace
  let aliceWorkspace: string;
  let bobWorkspace: string;
  let aliceBot: string;
  let bobBot: string;

  /** Runs `work` as `authenticated` with `sub` = userId (or as `anon` without claims), then rolls back. */
  async function as<T>(userId: string | null, work: (db: Orm) => Promise<T>): Promise<T> {
    return inTransactionRolledBack(async (db) => {
      await db.execute(sql.raw(`set local role ${userId ? 'authenticated' : 'anon'}`));
      const claims = userId ? { sub: userId, role: 'authenticated' } : { role: 'anon' };
      await db.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`);
      return work(db);
    });
  }

  beforeAll(async () => {
    for (const [id, name] of [
      [alice, 'alice'],
      [bob, 'bob'],
      [carol, 'carol'],
    ] as const) {
      await orm.execute(
        sql`insert into auth_users (id, name, email) values (${id}, ${name}, ${`${name}@example.com`})`,
      );
    }
    const [a] = await queryRows<{ id: string }>(
      orm,
      sql`insert into workspaces (name) values ('A') returning id`,
    );
    const [b] = await queryRows<{ id: string }>(
      orm,
      sql`insert into workspaces (name) values ('B') returning id`,
    );
    aliceWorkspace = a!.id;
    bobWorkspace = b!.id;
    await orm.execute(sql`insert into workspace_members (workspace_id, user_id, role) values
      (${aliceWorkspace}, ${alice}, 'owner'), (${aliceWorkspace}, ${carol}, 'member'), (${bobWorkspace}, ${bob}, 'owner')`);
    const bot = async (workspaceId: string, slug: string) => {
      const [row] = await queryRows<{ id: string }>(
        orm,
        sql`insert into bots (workspace_id, slug, name, publishable_key)
            values (${workspaceId}, ${slug}, ${slug}, ${`pk_${slug}_${randomUUID()}`}) returning id`,
      );
      const [conversation] = await queryRows<{ id: string }>(
        orm,
        sql`insert into conversations (bot_id) values (${row!.id}) returning id`,
      );
      await orm.execute(
        sql`insert into messages (conversation_id, role, content) values (${conversation!.id}, 'user', ${`hello ${slug}`})`,
      );
      await orm.execute(
        sql`insert into sources (bot_id, kind, location) values (${row!.id}, 'text', ${`notes of ${slug}`})`,
      );
      return row!.id;
    };
    aliceBot = await bot(aliceWorkspace, 'alice-bot');
    bobBot = await bot(bobWorkspace, 'bob-bot');
    await orm.execute(
      sql`insert into api_keys (workspace_id, name, prefix, key_hash) values (${bobWorkspace}, 'ci', 'jsk_b', ${randomUUID()})`,
    );
  });

  it('shows a user only the rows of their own workspaces', async () => {
    const seen = await as(alice, async (db) => ({
      workspaces: await queryRows<{ id: string }>(db, 'select id from workspaces'),
      bots: await queryRows<{ id: string }>(db, 'select id from bots'),
      messages: await queryRows<{ content: string }>(db, 'select content from messages'),
      sources: await queryRows<{ location: string }>(db, 'select location from sources'),
      members: await queryRows<{ user_id: string }>(
        db,
        'select user_id from workspace_members order by user_id',
      ),
      users: await queryRows<{ id: string }>(db, 'select id from auth_users'),
      keys: await queryRows<{ id: string }>(db, 'select id from api_keys'),
    }));
    expect(seen.workspaces.map((row) => row.id)).toEqual([aliceWorkspace]);
    expect(seen.bots.map((row) => row.id)).toEqual([aliceBot]);
    expect(seen.messages.map((row) => row.content)).toEqual(['hello alice-bot']);
    expect(seen.sources.map((row) => row.location)).toEqual(['notes of alice-bot']);
    expect(seen.members.map((row) => row.user_id)).toEqual([alice, carol].sort());
    expect(seen.users.map((row) => row.id)).toEqual([alice]);
    expect(seen.keys).toEqual([]);
  });

  it("cannot change or delete another workspace's rows", async () => {
    const changed = await as(alice, async (db) => ({
      renamed: await queryRows(db, sql`update bots set name = 'pwned' where id = ${bobBot} returning id`),
      deleted: await queryRows(db, sql`delete from conversations where bot_id = ${bobBot} returning id`),
      promoted: await queryRows(
        db,
        sql`update workspace_members set role = 'member' where workspace_id = ${bobWorkspace} returning user_id`,
      ),
    }));
    expect(changed).toEqual({ renamed: [], deleted: [], promoted: [] });
    const [bot] = await queryRows<{ name: string }>(orm, sql`select name from bots where id = ${bobBot}`);
    expect(bot!.name).toBe('bob-bot');
  });

  it('cannot add rows to another workspace, nor join it', async () => {
    await expect(
      as(alice, (db) =>
        db.execute(sql`insert into bots (workspace_id, slug, name, publishable_key)
                       values (${bobWorkspace}, 'intruder', 'x', 'pk_intruder_0000')`),
      ),
    ).rejects.toMatchObject(refusedByPolicy);
    await expect(
      as(alice, (db) =>
        db.execute(
          sql`insert into workspace_members (workspace_id, user_id, role) values (${bobWorkspace}, ${alice}, 'owner')`,
        ),
      ),
    ).rejects.toMatchObject(refusedByPolicy);
  });

  it('lets a member read their workspace but not change it', async () => {
    const result = await as(carol, async (db) => ({
      bots: await queryRows<{ id: string }>(db, 'select id from bots'),
      renamed: await queryRows(db, sql`update bots set name = 'renamed' where id = ${aliceBot} returning id`),
    }));
    expect(result.bots.map((row) => row.id)).toEqual([aliceBot]);
    expect(result.renamed).toEqual([]);
  });

  it('lets an owner change their own workspace', async () => {
    const renamed = await as(alice, (db) =>
      queryRows(db, sql`update bots set name = 'renamed' where id = ${aliceBot} returning id`),
    );
    expect(renamed).toHaveLength(1);
  });

  it('shows an anonymous caller nothing, secrets included', async () => {
    const seen = await as(null, async (db) => ({
      bots: await queryRows(db, 'select id from bots'),
      users: await queryRows(db, 'select id from auth_users'),
    }));
    expect(seen).toEqual({ bots: [], users: [] });
    const secrets = await as(bob, async (db) => ({
      accounts: await queryRows(db, 'select password from auth_accounts'),
      sessions: await queryRows(db, 'select token from auth_sessions'),
      twoFactors: await queryRows(db, 'select secret from auth_two_factors'),
    }));
    expect(secrets).toEqual({ accounts: [], sessions: [], twoFactors: [] });
  });
});

/** How both drivers report a row refused by a policy (Drizzle wraps the driver's error). */
const refusedByPolicy = { cause: { message: expect.stringMatching(/violates row-level security policy/) } };

/** Thrown to end a transaction with a rollback once its checks are done. */
class RollBack extends Error {}
