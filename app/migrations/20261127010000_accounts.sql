-- Accounts, sign-in codes and sessions.

-- Who a person is to Crema. Customers sign in with an e-mail code; staff (barista,
-- display, admin) with a username and password.
create type role as enum ('customer', 'barista', 'display', 'admin');

create table users (
    id            uuid primary key default gen_random_uuid(),
    role          role not null,
    -- Customers only; stored lowercase so one address is one account.
    email         text unique
                  constraint users_email_lowercase check (email = lower(email)),
    -- Staff only.
    username      text unique
                  constraint users_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    password_hash text,
    display_name  text
                  constraint users_display_name_length check (length(display_name) between 1 and 60),
    -- A disabled account cannot sign in and its sessions stop working.
    disabled_at   timestamptz,
    created_at    timestamptz not null default now(),
    constraint users_customer_or_staff check (
        case role
            when 'customer' then email is not null and username is null and password_hash is null
            else username is not null and password_hash is not null and email is null
        end
    )
);

-- One-time codes sent by e-mail. Only a hash of the code is kept.
create table sign_in_codes (
    id          bigint generated always as identity primary key,
    email       text not null,
    code_hash   bytea not null,
    -- Wrong tries so far; the code burns at the limit.
    attempts    integer not null default 0,
    -- The client that asked, for the per-client rate limit.
    client      text not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index sign_in_codes_by_email on sign_in_codes (email, created_at desc);
create index sign_in_codes_by_client on sign_in_codes (client, created_at desc);

-- Signed-in sessions, for browsers (cookie) and API clients (bearer token) alike. Only a
-- hash of the token is kept, so a database leak cannot be replayed.
create table sessions (
    token_hash   bytea primary key,
    user_id      uuid not null references users (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index sessions_by_user on sessions (user_id);

-- Mail that dev mode delivers here instead of over SMTP.
create table dev_mailbox (
    id        bigint generated always as identity primary key,
    recipient text not null,
    subject   text not null,
    body      text not null,
    code      text,
    sent_at   timestamptz not null default now()
);
create index dev_mailbox_by_recipient on dev_mailbox (recipient, sent_at desc);
