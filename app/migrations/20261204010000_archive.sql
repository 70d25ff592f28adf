-- A shop whose event has ended is archived: it leaves the list of shops and takes no
-- more orders; its orders and events stay, for the reports.
alter table shops add column archived_at timestamptz;

-- Archiving reaches whoever follows the shop's status, as the other `shop.*` events do.
drop index events_shop_status;
create or replace function event_is_shop_status(type text) returns boolean
language sql immutable parallel safe as $$
    select type in ('shop.opened', 'shop.closed', 'shop.updated', 'shop.archived',
                    'stock.changed')
$$;
create index events_shop_status on events (shop, seq) where event_is_shop_status(type);
