-- Robots: simulated customers and baristas that run a booth on their own, through the
-- same use cases as people. A simulation is state here, played by the server instance
-- that holds its lease, and taken over by another when that one stops renewing it.
create table simulations (
    id            uuid primary key default gen_random_uuid(),
    shop          text not null references shops (slug) on delete cascade,
    settings      jsonb not null,
    started_at    timestamptz not null default now(),
    -- Robot customers arrive until then (sooner, when stopped).
    ends_at       timestamptz not null,
    -- Once no robot order is open after `ends_at`, or once stopped.
    ended_at      timestamptz,
    stop_asked    boolean not null default false,
    -- Arrivals are drawn for the time up to here.
    arrived_until timestamptz not null default now(),
    -- Refusals met by the robot customers, by code.
    refused       jsonb not null default '{}',
    -- The instance playing it, until its lease runs out.
    holder        uuid,
    held_until    timestamptz
);
create unique index simulations_one_running on simulations (shop) where ended_at is null;
create index simulations_of_shop on simulations (shop, started_at desc);

-- A robot is an account of its simulation's: customers without an e-mail address,
-- baristas without a username or password (they never sign in).
alter table users add column robot boolean not null default false,
                  add column simulation_id uuid references simulations (id) on delete set null;
create index users_of_simulation on users (simulation_id) where simulation_id is not null;
alter table users drop constraint users_customer_or_staff;
alter table users add constraint users_customer_or_staff check (
    case
        when role = 'customer' then (email is not null or erased_at is not null or walk_up or robot)
                                    and username is null and password_hash is null
                                    and not device
        when robot then role = 'barista' and email is null and username is null
                        and password_hash is null and display_name is not null
                        and not device and not walk_up
        when device then role in ('barista', 'display') and email is null
                         and username is null and password_hash is null
                         and display_name is not null and cardinality(shops) = 1
                         and not walk_up
        else username is not null and password_hash is not null and email is null
             and not walk_up
    end
);
