-- The seat switch after a promotion: which logged-in agents took which of the backup site's seats, once per
-- epoch (a second request for the same epoch reads this back instead of mapping again).
-- Replicated like every business table: a primary key and a row_version from the global sequence; the site
-- guard and the journal capture come from afterMigrate.sql.

create table seat_switch (
    epoch        bigint       primary key,
    site         varchar(8)   not null,
    switched_at  timestamptz  not null,
    duration_ms  bigint       not null,
    plan_day     date         not null,
    plan_source  varchar(16)  not null,
    capacity     integer      not null check (capacity >= 0),
    row_version  bigint       not null
);

-- one row per person logged in at the switch: position 1, 2, … in priority order; seat null = without a seat
create table seat_switch_agent (
    epoch        bigint       not null references seat_switch (epoch),
    username     varchar(64)  not null,
    position     integer      not null,
    seat         integer      check (seat > 0),
    row_version  bigint       not null,
    primary key (epoch, username),
    unique (epoch, position),
    unique (epoch, seat)
);

create trigger seat_switch_row_version before insert or update on seat_switch for each row execute function bump_row_version();
create trigger seat_switch_agent_row_version before insert or update on seat_switch_agent for each row execute function bump_row_version();
