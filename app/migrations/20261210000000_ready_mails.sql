-- "E-mail me when it's ready": a customer's ask for one order, in the language they asked
-- in. The step that makes the order ready takes the ask (deletes it) and sends the mail,
-- so it goes out once, however often the order is recalled and made again.
create table ready_mails (
    order_id uuid primary key references orders (id) on delete cascade,
    lang     text not null,
    asked_at timestamptz not null default now()
);
