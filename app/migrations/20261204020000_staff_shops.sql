-- The shops a barista or display account may work at; empty means every shop.
alter table users add column shops text[] not null default '{}';
