-- A customer may erase their account: its e-mail address and name go, its orders stay,
-- anonymous, for the reports.
alter table users add column erased_at timestamptz;
alter table users drop constraint users_customer_or_staff;
alter table users add constraint users_customer_or_staff check (
    case role
        when 'customer' then (email is not null or erased_at is not null)
                             and username is null and password_hash is null
        else username is not null and password_hash is not null and email is null
    end
);
