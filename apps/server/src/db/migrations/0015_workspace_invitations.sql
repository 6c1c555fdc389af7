-- Joining a workspace is by invitation: an admin invites an email address, and the person with that
-- (verified) address accepts. Nobody is put into a workspace without saying yes, and inviting answers
-- the same whether or not the address has an account, so it cannot be used to find out who does.
-- Only a hash of the invitation's token is kept.
create table workspace_invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  email text not null check (length(email) between 3 and 320),
  role text not null check (role in ('owner', 'admin', 'member')),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz
);
create index workspace_invitations_workspace_id_idx on workspace_invitations (workspace_id, created_at desc);

alter table workspace_invitations enable row level security;
create policy workspace_invitations_read on workspace_invitations for select
  using (workspace_id in (select jarvis_private.admin_workspace_ids()));
