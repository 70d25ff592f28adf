-- The name a customer gives (`PATCH /api/v1/me`), for the baristas to call out. It lives
-- with the customer, so it is erased with them: orders and their events read it from
-- there, and the log never holds it.
create function customer_name(customer uuid) returns text
    language sql stable
    as $$ select display_name from users where id = customer $$;
