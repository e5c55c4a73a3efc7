-- Running the hotline (issue 7): generated reports, mass-complaint alerts, quality inspection, rosters.
-- Designed for CDC like V1/V2: every table has a primary key and a row_version from the global sequence.

-- KPI and report queries read a period of tickets by acceptance time, and the citizen-reply events of them
create index ticket_accepted_idx on ticket (accepted_at);
create index ticket_event_reply_idx on ticket_event (action, at) include (ticket_id);
create index contact_queued_idx on contact (queued_at);

-- a generated report: its figures as JSON (the exports are rendered from them, so they always agree)
create table report (
    id            uuid primary key,
    kind          varchar(32)  not null,
    period_start  timestamptz  not null,
    period_end    timestamptz  not null,
    title         text         not null,
    trigger       varchar(16)  not null,
    generated_at  timestamptz  not null,
    generated_by  varchar(64)  not null,
    content       text         not null,
    row_version   bigint       not null,
    unique (kind, period_start, period_end)
);

create index report_generated_idx on report (generated_at desc);

-- many contacts about the same place and topic in a short window (群体性投诉), found by the detector
create table mass_complaint (
    id               uuid primary key,
    district         text         not null,
    street           text         not null,
    category         varchar(32)  not null,
    first_at         timestamptz  not null,
    last_at          timestamptz  not null,
    ticket_count     integer      not null,
    ticket_numbers   text         not null,
    detected_at      timestamptz  not null,
    acknowledged_by  varchar(64),
    acknowledged_at  timestamptz,
    row_version      bigint       not null
);

create index mass_complaint_open_idx on mass_complaint (district, street, category) where acknowledged_at is null;

-- quality inspection (质检): one sample a month, its seed recorded so the draw can be repeated
create table qa_sample (
    id            uuid primary key,
    month         date         not null unique,
    seed          bigint       not null,
    random_per_agent integer   not null,
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null,
    row_version   bigint       not null
);

create table qa_inspection (
    id               uuid primary key,
    sample_id        uuid         not null references qa_sample (id),
    ticket_id        uuid         not null references ticket (id),
    recording_id     uuid,
    agent_username   varchar(64)  not null,
    reason           varchar(24)  not null,
    status           varchar(16)  not null,
    score            numeric(5,2),
    fatal            boolean      not null default false,
    item_points      text,
    fatal_items      text,
    comment          text,
    inspector        varchar(64),
    scored_at        timestamptz,
    acknowledged_at  timestamptz,
    row_version      bigint       not null,
    unique (sample_id, ticket_id)
);

create index qa_inspection_agent_idx on qa_inspection (agent_username, sample_id);

-- rosters (排班): who is on which shift, the day's conditions, attendance and handover notes
create table roster_day (
    day               date         primary key,
    flood_level       varchar(8)   not null default 'NONE',
    heavy_rain_night  boolean      not null default false,
    uplift_percent    integer      not null default 0,
    note              text,
    row_version       bigint       not null
);

create table roster_assignment (
    id           uuid primary key,
    day          date         not null,
    shift        varchar(8)   not null,
    username     varchar(64)  not null,
    row_version  bigint       not null,
    unique (day, shift, username)
);

create index roster_assignment_user_idx on roster_assignment (username, day);

create table attendance (
    id           uuid primary key,
    day          date         not null,
    shift        varchar(8)   not null,
    username     varchar(64)  not null,
    status       varchar(16)  not null,
    note         text,
    recorded_by  varchar(64)  not null,
    recorded_at  timestamptz  not null,
    row_version  bigint       not null,
    unique (day, shift, username)
);

create table shift_handover (
    id           uuid primary key,
    day          date         not null,
    shift        varchar(8)   not null,
    author       varchar(64)  not null,
    note         text         not null,
    created_at   timestamptz  not null,
    row_version  bigint       not null
);

create index shift_handover_day_idx on shift_handover (day, shift);

-- an explicit backup-site seat list for a day (第二职场 10 seats); without one it is derived from the roster
create table backup_seat (
    day          date         not null,
    position     integer      not null check (position between 1 and 10),
    username     varchar(64)  not null,
    row_version  bigint       not null,
    primary key (day, position)
);

-- joiners and leavers of the hotline team, for the monthly attrition KPI (人员流失率)
create table staff_movement (
    id           uuid primary key,
    username     varchar(64)  not null,
    kind         varchar(8)   not null,
    on_day       date         not null,
    note         text,
    row_version  bigint       not null
);

create index staff_movement_day_idx on staff_movement (on_day);

create trigger report_row_version before insert or update on report for each row execute function bump_row_version();
create trigger mass_complaint_row_version before insert or update on mass_complaint for each row execute function bump_row_version();
create trigger qa_sample_row_version before insert or update on qa_sample for each row execute function bump_row_version();
create trigger qa_inspection_row_version before insert or update on qa_inspection for each row execute function bump_row_version();
create trigger roster_day_row_version before insert or update on roster_day for each row execute function bump_row_version();
create trigger roster_assignment_row_version before insert or update on roster_assignment for each row execute function bump_row_version();
create trigger attendance_row_version before insert or update on attendance for each row execute function bump_row_version();
create trigger shift_handover_row_version before insert or update on shift_handover for each row execute function bump_row_version();
create trigger backup_seat_row_version before insert or update on backup_seat for each row execute function bump_row_version();
create trigger staff_movement_row_version before insert or update on staff_movement for each row execute function bump_row_version();
