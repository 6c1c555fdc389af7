-- Conditional re-sync: each page's validators, sent back as If-None-Match / If-Modified-Since so an
-- unchanged page costs a 304 instead of a download, extraction and embedding; and the links it had,
-- so a crawl can still follow them from a page it did not download again.
alter table documents
  add column etag text,
  add column last_modified text,
  add column links text[];
