-- Answers: what each answer replied to, how sure it was, what it cost, and what the visitor thought.
alter table messages
  add column reply_to uuid references messages (id) on delete cascade,
  add column uncertain boolean not null default false,
  add column prompt_tokens integer,
  add column completion_tokens integer,
  add column feedback text check (feedback in ('up', 'down')),
  add column feedback_comment text check (length(feedback_comment) <= 2000),
  add column feedback_at timestamptz;
create index messages_reply_to_idx on messages (reply_to);

-- Secret API keys for server-to-server calls and the owner's tools; only a hash is stored.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  -- The first characters of the key, shown in lists so the owner can tell keys apart.
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_workspace_id_idx on api_keys (workspace_id);
