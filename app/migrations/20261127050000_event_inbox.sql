-- Events get their `seq` once they have committed. Writers used to take the log's lock
-- and NOTIFY in their own transactions; both are held through the commit's WAL flush,
-- so every order step waited for the flushes of all the others. Now a writer appends to
-- `event_inbox`, taking no lock, and the sequencer (one at a time, under an advisory
-- lock) moves committed rows into `events` in batches, numbering them as it goes, and
-- notifies the streams once per batch. `seq` still grows in commit order, and `events`
-- stays append-only.
--
-- No foreign keys: the sequencer skips rows whose shop or order no longer exists, which
-- `events`' own keys would refuse.
create table event_inbox (
    id          bigint generated always as identity primary key,
    type        text not null,
    shop        text not null,
    order_id    uuid,
    customer_id uuid,
    at          timestamptz not null default now(),
    data        jsonb not null,
    message     text not null
);
