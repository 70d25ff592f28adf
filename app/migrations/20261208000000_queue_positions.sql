-- What each queued order's customer was last told of its place in the line and the
-- estimate until ready (`order.position`): after a step, the shop's line is compared
-- with it, and only those whose place or estimate changed are told. Kept apart from
-- `orders`, so that telling never waits on an order another step is changing.
create table order_announcements (
    order_id uuid primary key references orders (id) on delete cascade,
    position integer not null,
    eta_s    integer not null
);
