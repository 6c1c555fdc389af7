-- Row level security: whoever reaches the database directly (supabase-js with a user's JWT, SQL as
-- the `authenticated` role) sees and changes only the workspaces they are a member of. The server
-- itself connects as the tables' owner, which RLS does not restrict; its procedures scope every
-- query by workspace as before.
--
-- Policies read the caller from `auth.uid()`, always as `(select auth.uid())` so Postgres evaluates
-- it once per statement rather than once per row. Supabase provides the `auth` schema and the roles;
-- elsewhere (PGlite, a plain Postgres) this creates the small shim below with the same behaviour.

create schema if not exists auth;

do $$
begin
  if to_regprocedure('auth.uid()') is null then
    -- Supabase's definition: the `sub` claim of the request's JWT, as PostgREST sets it.
    create function auth.uid() returns uuid
      language sql stable
      as $f$
        select nullif(
          coalesce(
            nullif(current_setting('request.jwt.claim.sub', true), ''),
            nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
          ),
          ''
        )::uuid
      $f$;
  end if;
end $$;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
exception
  -- A database user that may not create roles (some managed Postgres): RLS still applies to every
  -- role the operator grants access to; only the Supabase-named roles are missing.
  when insufficient_privilege then
    raise notice 'Could not create the anon and authenticated roles: %', sqlerrm;
end $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    grant usage on schema public, auth to anon, authenticated;
    grant execute on function auth.uid() to anon, authenticated;
    -- As Supabase grants by default: the policies below are what limits each row.
    grant select, insert, update, delete on all tables in schema public to anon, authenticated;
    alter default privileges in schema public grant select, insert, update, delete on tables to anon, authenticated;
  end if;
end $$;

-- Membership, read with the owner's rights so that the policy on workspace_members can use it
-- without recursing into itself. Private schema: not callable through Supabase's API.
create schema if not exists jarvis_private;

create function jarvis_private.member_workspace_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select workspace_id from public.workspace_members where user_id = (select auth.uid())::text
  $$;

create function jarvis_private.admin_workspace_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select workspace_id from public.workspace_members
    where user_id = (select auth.uid())::text and role in ('owner', 'admin')
  $$;

create function jarvis_private.member_bot_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select b.id from public.bots b
    join public.workspace_members m on m.workspace_id = b.workspace_id
    where m.user_id = (select auth.uid())::text
  $$;

create function jarvis_private.admin_bot_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$
    select b.id from public.bots b
    join public.workspace_members m on m.workspace_id = b.workspace_id
    where m.user_id = (select auth.uid())::text and m.role in ('owner', 'admin')
  $$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    grant usage on schema jarvis_private to anon, authenticated;
    grant execute on all functions in schema jarvis_private to anon, authenticated;
  end if;
end $$;
revoke execute on all functions in schema jarvis_private from public;

-- Every table has RLS on. Tables without a policy below (the server's bookkeeping, sessions,
-- password hashes, TOTP secrets, one-time tokens) are closed to everyone but their owner.
do $$
declare
  t record;
begin
  for t in select tablename from pg_tables where schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', t.tablename);
  end loop;
end $$;

-- Members read their workspace; owners and admins change it. Creating one goes through the app,
-- which makes the creator its owner.
create policy workspaces_read on workspaces for select
  using (id in (select jarvis_private.member_workspace_ids()));
create policy workspaces_write on workspaces for update
  using (id in (select jarvis_private.admin_workspace_ids()))
  with check (id in (select jarvis_private.admin_workspace_ids()));

create policy workspace_members_read on workspace_members for select
  using (workspace_id in (select jarvis_private.member_workspace_ids()));
create policy workspace_members_write on workspace_members for all
  using (workspace_id in (select jarvis_private.admin_workspace_ids()))
  with check (workspace_id in (select jarvis_private.admin_workspace_ids()));

create policy api_keys_read on api_keys for select
  using (workspace_id in (select jarvis_private.admin_workspace_ids()));
create policy api_keys_write on api_keys for all
  using (workspace_id in (select jarvis_private.admin_workspace_ids()))
  with check (workspace_id in (select jarvis_private.admin_workspace_ids()));

create policy bots_read on bots for select
  using (workspace_id in (select jarvis_private.member_workspace_ids()));
create policy bots_write on bots for all
  using (workspace_id in (select jarvis_private.admin_workspace_ids()))
  with check (workspace_id in (select jarvis_private.admin_workspace_ids()));

-- A security event is readable by the workspace's owners and admins and by the person it is about.
create policy audit_events_read on audit_events for select
  using (
    workspace_id in (select jarvis_private.admin_workspace_ids())
    or user_id = (select auth.uid())::text
  );

-- A person reads their own account row (name, email, whether two-factor is on).
create policy auth_users_read on auth_users for select
  using (id = (select auth.uid())::text);

-- A bot's content: members read it; owners and admins change it.
do $$
declare
  t text;
begin
  foreach t in array array['sources', 'documents', 'chunks', 'conversations', 'lexeme_stats', 'jobs'] loop
    execute format(
      'create policy %I on %I for select using (bot_id in (select jarvis_private.member_bot_ids()))',
      t || '_read', t);
    execute format(
      'create policy %I on %I for all using (bot_id in (select jarvis_private.admin_bot_ids())) '
      'with check (bot_id in (select jarvis_private.admin_bot_ids()))',
      t || '_write', t);
  end loop;
  if to_regclass('public.chunk_embeddings') is not null then
    create policy chunk_embeddings_read on chunk_embeddings for select
      using (bot_id in (select jarvis_private.member_bot_ids()));
    create policy chunk_embeddings_write on chunk_embeddings for all
      using (bot_id in (select jarvis_private.admin_bot_ids()))
      with check (bot_id in (select jarvis_private.admin_bot_ids()));
  end if;
end $$;

-- Rows that belong to a source or a conversation follow it: the subquery is itself filtered by the
-- policies on sources and conversations.
create policy page_errors_read on page_errors for select
  using (source_id in (select id from sources));
create policy source_files_read on source_files for select
  using (source_id in (select id from sources));
create policy messages_read on messages for select
  using (conversation_id in (select id from conversations));
create policy messages_write on messages for all
  using (conversation_id in (select c.id from conversations c where c.bot_id in (select jarvis_private.admin_bot_ids())))
  with check (conversation_id in (select c.id from conversations c where c.bot_id in (select jarvis_private.admin_bot_ids())));
