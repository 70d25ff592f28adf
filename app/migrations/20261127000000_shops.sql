-- Shops: one coffee booth at one event. The menu and the settings are JSON documents the
-- application validates (app/src/model/shop.rs); settings hold only what differs from the
-- defaults of the API contract.
create table shops (
    slug       text primary key
               constraint shops_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 64),
    name       text not null
               constraint shops_name_length check (length(name) between 1 and 120),
    open       boolean not null default false,
    menu       jsonb not null default '[]'
               constraint shops_menu_is_array check (jsonb_typeof(menu) = 'array'),
    settings   jsonb not null default '{}'
               constraint shops_settings_is_object check (jsonb_typeof(settings) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
