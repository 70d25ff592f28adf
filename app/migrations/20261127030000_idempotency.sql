-- Responses remembered by idempotency key: a repeat of a request with the same key, by
-- the same user, gets the first response and changes nothing. Kept for a day.
create table idempotency_keys (
    user_id    uuid not null references users (id) on delete cascade,
    -- The method and path the key was used on.
    request    text not null,
    key        text not null constraint idempotency_keys_key_length check (length(key) between 1 and 200),
    status     smallint not null,
    body       jsonb not null,
    created_at timestamptz not null default now(),
    primary key (user_id, request, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);
