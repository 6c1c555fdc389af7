-- Files an owner uploaded as a source (PDF, Word, HTML, Markdown, text). The bytes are kept in the
-- database so that any worker process can read them, and a re-sync can read them again.
create table source_files (
  source_id uuid primary key references sources (id) on delete cascade,
  name text not null,
  content_type text,
  content bytea not null,
  created_at timestamptz not null default now()
);
