-- Every change to an order bumps its version. A step reads the order, decides in Rust,
-- then writes only if the version is still the one it read: one round trip to write the
-- change and append its event, with no row lock held while deciding.
alter table orders add column version integer not null default 0;
