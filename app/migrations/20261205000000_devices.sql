-- Paired screens: a booth screen or barista tablet that signed in with a code it showed,
-- typed into the console by an admin. Each is an account of its own, kept to one shop,
-- with a name and no username or password: it acts under its name, and its session lasts
-- until it is removed (its account disabled).
alter table users add column device boolean not null default false;
alter table users drop constraint users_customer_or_staff;
alter table users add constraint users_customer_or_staff check (
    case
        when role = 'customer' then (email is not null or erased_at is not null)
                                    and username is null and password_hash is null
                                    and not device
        when device then role in ('barista', 'display') and email is null
                         and username is null and password_hash is null
                         and display_name is not null and cardinality(shops) = 1
        else username is not null and password_hash is not null and email is null
    end
);

-- When each device was paired and last made a request. Kept apart from `users`, whose
-- every change tells the servers to forget the sessions they keep.
create table devices (
    user_id      uuid primary key references users (id) on delete cascade,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz
);

-- Codes new screens show. The screen holds a secret (the pairing cookie) whose hash is
-- kept here; once an admin pairs the code, the screen's next look signs it in, once.
create table device_pairings (
    code        text primary key
                constraint device_pairings_code_format check (code ~ '^[A-HJKMNP-Z2-9]{8}$'),
    secret_hash bytea not null unique,
    -- The client that asked, for the rate limit.
    client      text not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    device_id   uuid references users (id) on delete cascade,
    claimed_at  timestamptz
);
create index device_pairings_by_client on device_pairings (client, created_at desc);
