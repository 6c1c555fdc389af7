-- The one schema for PGlite, Postgres and Supabase. Tenancy from the start:
-- workspaces own bots; bots own sources, documents, chunks, conversations and messages.

-- pgvector, where the server has it. A Postgres without it still runs Jarvis with Pinecone holding
-- the vectors; the pgvector adapter then refuses to start with a message saying what to install.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'vector') then
    create extension if not exists vector;
  end if;
end $$;

create table workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table bots (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  -- Public identifier the widget sends; safe to put in a page, useful only from allowed origins.
  publishable_key text not null unique,
  -- Origins allowed to call widget procedures; '*' allows any.
  allowed_origins text[] not null default '{}',
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table sources (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references bots (id) on delete cascade,
  kind text not null check (kind in ('url', 'site', 'sitemap', 'folder', 'file', 'text')),
  location text not null,
  options jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'ready', 'failed')),
  error text,
  page_count integer not null default 0,
  chunk_count integer not null default 0,
  last_synced_at timestamptz,
  created_at timestamptz not null default now()
);
create index sources_bot_id_idx on sources (bot_id);

create table documents (
  id uuid primary key default gen_random_uuid(),
  source_id uuid not null references sources (id) on delete cascade,
  bot_id uuid not null references bots (id) on delete cascade,
  url text not null,
  title text not null,
  content_hash text not null,
  fetched_at timestamptz not null default now(),
  unique (source_id, url)
);
create index documents_bot_id_idx on documents (bot_id);

-- array_to_string is only STABLE, which a generated column refuses; joining with a space is immutable.
create function heading_text(path text[]) returns text
  language sql immutable parallel safe
  as $$ select array_to_string(path, ' ') $$;

create table chunks (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents (id) on delete cascade,
  bot_id uuid not null references bots (id) on delete cascade,
  ordinal integer not null,
  heading_path text[] not null default '{}',
  content text not null,
  token_count integer not null,
  -- Full-text row beside the vector for hybrid search; headings weigh more than body text.
  search_text tsvector generated always as (
    setweight(to_tsvector('english', heading_text(heading_path)), 'A') ||
    setweight(to_tsvector('english', content), 'B')
  ) stored,
  unique (document_id, ordinal)
);
create index chunks_bot_id_idx on chunks (bot_id);
create index chunks_search_text_idx on chunks using gin (search_text);

-- Vectors live in their own table, owned by the pgvector adapter; with Pinecone it stays empty.
-- The column has no fixed dimension so the embedding model can change; `model` records which one made it.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'vector') then
    create table chunk_embeddings (
      chunk_id uuid primary key references chunks (id) on delete cascade,
      bot_id uuid not null references bots (id) on delete cascade,
      model text not null,
      embedding vector not null
    );
    create index chunk_embeddings_bot_id_idx on chunk_embeddings (bot_id);
  end if;
end $$;

create table conversations (
  id uuid primary key default gen_random_uuid(),
  bot_id uuid not null references bots (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_bot_id_idx on conversations (bot_id, updated_at desc);

create table messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references conversations (id) on delete cascade,
  role text not null check (role in ('user', 'assistant')),
  content text not null,
  status text not null default 'complete' check (status in ('complete', 'unanswered', 'stopped', 'error')),
  sources jsonb not null default '[]'::jsonb,
  time_to_first_token_ms integer,
  total_ms integer,
  created_at timestamptz not null default clock_timestamp()
);
create index messages_conversation_id_idx on messages (conversation_id, created_at);

-- Durable work: claimed with FOR UPDATE SKIP LOCKED so any number of workers can share it,
-- and a crash leaves a 'running' row with an old lock that the next start puts back in the queue.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  bot_id uuid references bots (id) on delete cascade,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress jsonb not null default '{}'::jsonb,
  attempts integer not null default 0,
  error text,
  locked_at timestamptz,
  run_after timestamptz not null default now(),
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_queue_idx on jobs (status, run_after, created_at);
create index jobs_bot_id_idx on jobs (bot_id);
