-- Keeping sources fresh: each source may be re-synced daily, weekly or monthly by the worker.
alter table sources
  add column resync text not null default 'off' check (resync in ('off', 'daily', 'weekly', 'monthly')),
  add column next_sync_at timestamptz;
create index sources_next_sync_at_idx on sources (next_sync_at) where next_sync_at is not null;
