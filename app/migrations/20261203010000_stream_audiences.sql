-- Streams read only what their caller may see, on indexes, and end with their session.

-- The events about a shop as a whole, which the customers who ordered there follow too:
-- the database's copy of `Change::is_shop_status` (a test holds the two together).
-- Inlined, so the partial index below applies to the queries that call it.
create function event_is_shop_status(type text) returns boolean
language sql immutable parallel safe as $$
    select type in ('shop.opened', 'shop.closed', 'shop.updated')
$$;
create index events_shop_status on events (shop, seq) where event_is_shop_status(type);

-- A changed session or account names its user, so that a stream can tell whether the
-- change is its own session's.
create or replace function notify_session_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('crema_sessions',
        (case tg_op when 'DELETE' then old.user_id else new.user_id end)::text);
    return null;
end
$$;

create function notify_account_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('crema_sessions',
        (case tg_op when 'DELETE' then old.id else new.id end)::text);
    return null;
end
$$;

drop trigger users_changed on users;
drop trigger users_deleted on users;
create trigger users_changed after update on users
    for each row when (old.* is distinct from new.*)
    execute function notify_account_change();
create trigger users_deleted after delete on users
    for each row execute function notify_account_change();
