-- Replays: a recorded day's orders played back by robots, at 1 to 60 times the speed.
-- Each recorded order is a row of its replay, with what its customer and barista did
-- and when, in the recorded day's seconds.
alter table simulations add column speed int check (speed between 1 and 60),
                        -- The next recorded order to arrive.
                        add column replay_next int not null default 0;

create table replay_orders (
    simulation_id uuid not null references simulations (id) on delete cascade,
    row           int not null,
    -- After the day's first order.
    at_s          float8 not null,
    -- What the customer chose, and after how long; none when they never chose.
    drink         text,
    choices       text[] not null default '{}',
    choose_s      float8,
    -- How long the drink took, once claimed; none when it was never made.
    make_s        float8,
    -- When it ended without being made: after how long (from its start), and whether a
    -- barista had claimed it.
    cancel_s      float8,
    primary key (simulation_id, row)
);

alter table users add column replay_row int;
