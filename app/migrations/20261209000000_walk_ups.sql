-- A visitor without a phone orders at the counter: the barista takes the order for an
-- account of its own, with no e-mail address, only the name they gave, if any.
alter table users add column walk_up boolean not null default false;
alter table users drop constraint users_customer_or_staff;
alter table users add constraint users_customer_or_staff check (
    case
        when role = 'customer' then (email is not null or erased_at is not null or walk_up)
                                    and username is null and password_hash is null
                                    and not device
        when device then role in ('barista', 'display') and email is null
                         and username is null and password_hash is null
                         and display_name is not null and cardinality(shops) = 1
                         and not walk_up
        else username is not null and password_hash is not null and email is null
             and not walk_up
    end
);
