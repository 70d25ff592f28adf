-- Typed events. An event's `data` now names who acted and holds every value its sentence
-- is made of, so the sentence is written from the event when it is read; `message` keeps
-- the sentence of the events written before.
alter table event_inbox alter column message drop not null;
alter table events alter column message drop not null;

-- The one way into the inbox: a JSON array of `{type, shop, order_id, customer_id, at,
-- data}` as the inbox's rows, in the array's order. Every writer appends with
-- `insert into event_inbox (type, shop, order_id, customer_id, at, data)
--  select * from event_rows($batch)`, in the statement that makes the change (so the
-- change and its events are one round trip). A SQL function of one `select` is inlined
-- into that statement: no call, no plan of its own.
create function event_rows(batch jsonb)
returns table (type text, shop text, order_id uuid, customer_id uuid, at timestamptz, data jsonb)
language sql stable as $$
    select e.type, e.shop, e.order_id, e.customer_id, coalesce(e.at, now()), e.data
    from rows from (
             jsonb_to_recordset(batch)
                 as (type text, shop text, order_id uuid, customer_id uuid,
                     at timestamptz, data jsonb)
         ) with ordinality as e (type, shop, order_id, customer_id, at, data, n)
    order by e.n
$$;

-- The states that count against a shop's capacity and a customer's one open order, and
-- that deadlines time out: the database's copy of `OrderState::OPEN` (a test holds the
-- two together). It is inlined, so the partial indexes on these states still apply.
create function order_is_open(state order_state) returns boolean
language sql immutable parallel safe as $$
    select state in ('awaiting_drink', 'queued', 'making')
$$;

-- Who cancelled an order, apart from the words they gave (`cancel_reason`).
create type canceller as enum ('customer', 'staff');
alter table orders add column cancelled_by canceller;
-- Orders cancelled before: customers gave no words of their own, so theirs carry the
-- default ones.
update orders
set cancelled_by = case when cancel_reason = 'cancelled by the customer'
                        then 'customer'::canceller else 'staff'::canceller end
where state = 'cancelled';
