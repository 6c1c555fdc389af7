-- What a secret key may do: `read` (queries and progress streams) and `write` (every change: ingest,
-- settings, removals). A dashboard or a reporting script gets a read-only key; keys made before this
-- migration keep both.
alter table api_keys
  add column scopes text[] not null default '{read,write}'
    check (cardinality(scopes) > 0 and scopes <@ array['read', 'write']);
