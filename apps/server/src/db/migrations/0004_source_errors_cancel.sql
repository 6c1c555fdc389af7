-- Pages an ingest could not use, with the reason, so the owner can read "404" or "blocked by robots.txt".
-- Each sync of a source replaces its list.
create table page_errors (
  id uuid primary key default gen_random_uuid(),
  source_id uuid not null references sources (id) on delete cascade,
  url text not null,
  reason text not null,
  created_at timestamptz not null default now()
);
create index page_errors_source_id_idx on page_errors (source_id);

-- An owner can cancel a job; the worker notices at its next progress report.
alter table jobs drop constraint jobs_status_check;
alter table jobs add constraint jobs_status_check check (status in ('queued', 'running', 'done', 'failed', 'cancelled'));
