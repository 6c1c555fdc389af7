-- Built-in accounts (better-auth's tables, renamed and snake_cased; db/auth-schema.ts maps them),
-- workspace membership with roles, the per-workspace "require MFA" flag and the security audit log.
-- better-auth makes its own ids (random text), so user ids are text.

create table auth_users (
  id text primary key,
  name text not null,
  email text not null unique,
  email_verified boolean not null default false,
  image text,
  two_factor_enabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table auth_sessions (
  id text primary key,
  user_id text not null references auth_users (id) on delete cascade,
  -- The session cookie's token; looked up on every signed-in request.
  token text not null unique,
  expires_at timestamptz not null,
  ip_address text,
  user_agent text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index auth_sessions_user_id_idx on auth_sessions (user_id);

create table auth_accounts (
  id text primary key,
  user_id text not null references auth_users (id) on delete cascade,
  account_id text not null,
  provider_id text not null,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  -- The password hash (scrypt) for email-and-password accounts.
  password text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index auth_accounts_user_id_idx on auth_accounts (user_id);

-- Email verification and password-reset tokens, and the pending second-factor challenges.
create table auth_verifications (
  id text primary key,
  identifier text not null,
  value text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index auth_verifications_identifier_idx on auth_verifications (identifier);

-- TOTP secrets and backup codes, both encrypted with the auth secret.
create table auth_two_factors (
  id text primary key,
  user_id text not null references auth_users (id) on delete cascade,
  secret text not null,
  backup_codes text not null,
  verified boolean not null default true,
  failed_verification_count integer not null default 0,
  locked_until timestamptz
);
create index auth_two_factors_user_id_idx on auth_two_factors (user_id);
create index auth_two_factors_secret_idx on auth_two_factors (secret);

alter table workspaces add column require_mfa boolean not null default false;

create table workspace_members (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id text not null references auth_users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  -- The primary key's first column indexes workspace_id.
  primary key (workspace_id, user_id)
);
create index workspace_members_user_id_idx on workspace_members (user_id);

-- Security events (sign-in, MFA changes, keys, members). Rows outlive the user or workspace they
-- name, so an investigation can still read them.
create table audit_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid references workspaces (id) on delete set null,
  user_id text references auth_users (id) on delete set null,
  action text not null check (length(action) between 1 and 100),
  detail jsonb not null default '{}'::jsonb,
  ip text,
  created_at timestamptz not null default now()
);
create index audit_events_workspace_id_idx on audit_events (workspace_id, created_at desc);
create index audit_events_user_id_idx on audit_events (user_id, created_at desc);
