-- A shop's typical wait lately: the median time from queued to ready of its last 20
-- orders made within the past hour, in whole seconds; null when there are none.
create index orders_recently_ready on orders (shop, ready_at desc) where ready_at is not null;

create function shop_wait_estimate(shop_slug text) returns integer
language sql stable as $$
    select round(percentile_cont(0.5) within group (
               order by extract(epoch from ready_at - queued_at)))::integer
    from (select ready_at, queued_at
          from orders
          where shop = shop_slug and ready_at > now() - interval '1 hour'
          order by ready_at desc
          limit 20) as recent
$$;
