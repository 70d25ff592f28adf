-- What each queued order's customer was last told of its place in the line and the
-- estimate until ready (`order.position`): a step that moves the line tells only those
-- whose place or estimate changed.
alter table orders
    add column announced_position integer,
    add column announced_eta_s    integer;
