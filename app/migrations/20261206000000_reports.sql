-- The day in numbers. Each order keeps when a barista last took it on and when it
-- reached the state it ended in (a recalled order is no longer ended); when it was
-- handed over and whether a robot ordered it are filled by the handover and the robots.
alter table orders
    add column claimed_at   timestamptz,
    add column ended_at     timestamptz,
    add column picked_up_at timestamptz,
    add column robot        boolean not null default false;

-- Orders written before: their times from the event log.
update orders o
set claimed_at = (select max(e.at) from events e
                  where e.order_id = o.id and e.type in ('order.claimed', 'order.recalled')),
    ended_at = case when o.state in ('ready', 'cancelled', 'timed_out') then o.updated_at end
where o.state in ('making', 'ready', 'cancelled', 'timed_out');

-- A report reads one shop's orders created within a range of days.
create index orders_by_shop_created on orders (shop, created_at);

-- A shop's orders created on its days `first_day`..`last_day` (inclusive) of `timezone`,
-- robots' orders only when asked for. Inlined by the planner: it reads the index above.
create function shop_day_orders(shop_slug text, first_day date, last_day date,
                                timezone text, robots boolean)
returns setof orders
language sql stable as $$
    select * from orders
    where shop = shop_slug
      and created_at >= first_day::timestamp at time zone timezone
      and created_at < (last_day + 1)::timestamp at time zone timezone
      and (robots or not robot)
$$;
