-- Verified visitor identity (the widget's identify()): each bot gets a secret its owner's server uses to
-- sign user ids (hex HMAC-SHA256 of the id). The volatile default gives every existing bot its own
-- secret when the column is added; 2 × 122 random bits of uuid v4, hashed to 64 hex characters.
alter table bots
  add column identity_secret text not null
    default encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex');

-- Who the visitor said they were. `user_verified` is true only when the signature matched; an unsigned
-- identity is kept for the owner's context but marked unverified.
alter table conversations
  add column user_id text,
  add column user_name text,
  add column user_email text,
  add column user_attributes jsonb,
  add column user_verified boolean not null default false;
