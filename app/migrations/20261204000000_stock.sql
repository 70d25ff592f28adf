-- Stock: one availability flag per drink or choice id of a shop (a choice id such as
-- `oat` is one ingredient across the menu), written by the admin's menu and by the
-- counter alike, and the portions left where the counter counts them.

create type stock_kind as enum ('drink', 'choice');

create table stock (
    shop      text not null references shops (slug) on delete cascade,
    kind      stock_kind not null,
    item      text not null,
    available boolean not null default true,
    -- Portions left; none: not counted.
    remaining integer constraint stock_remaining_non_negative check (remaining >= 0),
    primary key (shop, kind, item)
);

-- Every drink and choice id of a menu, with its flag.
create function menu_items(menu jsonb) returns table (kind stock_kind, item text, available boolean)
language sql immutable as $$
    select 'drink'::stock_kind, drink ->> 'id', (drink ->> 'available')::boolean
    from jsonb_array_elements(menu) as drink
    union all
    select 'choice'::stock_kind, choice ->> 'id', bool_and((choice ->> 'available')::boolean)
    from jsonb_array_elements(menu) as drink,
         jsonb_array_elements(drink -> 'groups') as grp,
         jsonb_array_elements(grp -> 'choices') as choice
    group by choice ->> 'id'
$$;

-- A menu written sets the flags of its items; counts stay as they are.
create function stock_from_menu() returns trigger language plpgsql as $$
begin
    insert into stock (shop, kind, item, available)
    select new.slug, m.kind, m.item, m.available from menu_items(new.menu) as m
    on conflict (shop, kind, item) do update set available = excluded.available
    where stock.available <> excluded.available;
    return null;
end
$$;
create trigger shops_menu_stock after insert or update of menu on shops
    for each row execute function stock_from_menu();

insert into stock (shop, kind, item, available)
select s.slug, m.kind, m.item, m.available from shops s, menu_items(s.menu) as m;

-- A shop's stock as the API shows it: `{drinks: {id: item}, choices: {id: item}}`.
create function shop_stock(slug text) returns jsonb language sql stable as $$
    select jsonb_build_object(
        'drinks', coalesce(jsonb_object_agg(item, jsonb_strip_nulls(jsonb_build_object(
            'available', available, 'remaining', remaining))) filter (where kind = 'drink'), '{}'),
        'choices', coalesce(jsonb_object_agg(item, jsonb_strip_nulls(jsonb_build_object(
            'available', available, 'remaining', remaining))) filter (where kind = 'choice'), '{}'))
    from stock where shop = slug
$$;

-- The portions a queued order took, until a barista starts making it (then they are
-- used) or it ends before that (then they go back).
create table order_portions (
    order_id uuid not null references orders (id) on delete cascade,
    shop     text not null,
    kind     stock_kind not null,
    item     text not null,
    primary key (order_id, kind, item),
    foreign key (shop, kind, item) references stock (shop, kind, item) on delete cascade
);

-- Stock changes reach whoever follows the shop's status, as the `shop.*` events do.
drop index events_shop_status;
create or replace function event_is_shop_status(type text) returns boolean
language sql immutable parallel safe as $$
    select type in ('shop.opened', 'shop.closed', 'shop.updated', 'stock.changed')
$$;
create index events_shop_status on events (shop, seq) where event_is_shop_status(type);
