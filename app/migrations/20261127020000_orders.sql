-- Orders, the QR codes that start them, and the event log every change is written to.

create type order_state as enum (
    'awaiting_drink', 'queued', 'making', 'ready', 'cancelled', 'timed_out'
);

-- One token per shop per window of `code_window_s` seconds, good for `drinks_per_code`
-- orders. Minted when first asked for.
create table qr_codes (
    shop         text not null references shops (slug) on delete cascade,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    token        text not null unique,
    remaining    integer not null constraint qr_codes_remaining_non_negative check (remaining >= 0),
    primary key (shop, window_start)
);

create table orders (
    id            uuid primary key default gen_random_uuid(),
    shop          text not null references shops (slug) on delete cascade,
    customer_id   uuid not null references users (id),
    state         order_state not null default 'awaiting_drink',
    -- Given on entering `queued`: per shop, per day of the shop's time zone, from 1.
    number        integer,
    number_day    date,
    drink         text,
    choices       text[],
    barista_id    uuid references users (id),
    cancel_reason text,
    -- When the order times out unless it moves on: the customer's deadline while
    -- `awaiting_drink`, the baristas' once queued; none once it has ended.
    deadline_at   timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    queued_at     timestamptz,
    ready_at      timestamptz,
    constraint orders_number_once unique (shop, number_day, number),
    constraint orders_number_with_day check ((number is null) = (number_day is null))
);
create index orders_open_by_shop on orders (shop, created_at)
    where state in ('awaiting_drink', 'queued', 'making');
create index orders_by_customer on orders (customer_id, created_at desc);
create index orders_due on orders (deadline_at) where deadline_at is not null;

-- The last order number given per shop and day; the row lock makes numbers gapless.
create table order_numbers (
    shop text not null references shops (slug) on delete cascade,
    day  date not null,
    last integer not null,
    primary key (shop, day)
);

-- Every change, in commit order. Writers take one transaction-scoped advisory lock just
-- before appending and hold it until they commit, so `seq` grows in commit order and a
-- reader following `seq` never skips a row that commits late.
create sequence events_seq;
create table events (
    seq         bigint primary key,
    type        text not null,
    shop        text not null references shops (slug) on delete cascade,
    order_id    uuid references orders (id) on delete cascade,
    -- Whose order it is: the customer stream shows a customer only their own.
    customer_id uuid references users (id),
    at          timestamptz not null default now(),
    data        jsonb not null,
    message     text not null
);
create index events_by_shop on events (shop, seq);
create index events_by_customer on events (customer_id, seq) where customer_id is not null;
create index events_by_order on events (order_id, seq) where order_id is not null;
