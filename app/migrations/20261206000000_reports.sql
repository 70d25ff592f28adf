-- The day in numbers. Each order keeps when a barista last took it on and when it
-- reached the state it ended in (a recalled order is no longer ended). When it was
-- handed over, and whether a robot ordered it, are for the handover and the robots to
-- write once they exist; until then no order is picked up and none is a robot's.
alter table orders
    add column claimed_at   timestamptz,
    add column ended_at     timestamptz,
    add column picked_up_at timestamptz,
    add column robot        boolean not null default false;

-- Orders written before: when a barista last took each on, from the event log (a
-- release after it clears it; made straight from the queue, when it was made), and when
-- it ended.
update orders o
set claimed_at = case
        when taken.kind in ('order.claimed', 'order.recalled') then taken.at
        when o.state = 'ready' and o.barista_id is not null then o.ready_at
    end,
    ended_at = case o.state when 'ready' then o.ready_at
                            when 'cancelled' then o.updated_at
                            when 'timed_out' then o.updated_at end
from orders base
left join lateral (
    select e.type as kind, e.at from events e
    where e.order_id = base.id
      and e.type in ('order.claimed', 'order.recalled', 'order.released')
    order by e.seq desc limit 1
) as taken on true
where base.id = o.id and o.state in ('making', 'ready', 'cancelled', 'timed_out');

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
