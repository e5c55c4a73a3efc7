-- Core schema of one hotline site. Designed for CDC: every replicated table has a primary key and a
-- row_version taken from one global sequence on every insert and update, so a replica can tell a newer
-- row from an older one whatever order changes arrive in.

create sequence row_version_seq;

create function bump_row_version() returns trigger language plpgsql as $$
begin
    new.row_version := nextval('row_version_seq');
    return new;
end
$$;

create table department (
    id           varchar(32) primary key,
    name         text        not null,
    name_en      text,
    kind         varchar(24) not null,
    categories   text        not null default '',
    active       boolean     not null default true,
    row_version  bigint      not null
);

create table account (
    id               uuid primary key,
    username         varchar(64)  not null unique,
    display_name     text         not null,
    role             varchar(16)  not null,
    password_hash    text         not null,
    enabled          boolean      not null default true,
    department_id    varchar(32)  references department (id),
    roster_priority  integer      not null default 100,
    created_at       timestamptz  not null default now(),
    row_version      bigint       not null,
    constraint department_liaison_has_department check (role <> 'DEPARTMENT' or department_id is not null)
);

create table knowledge_article (
    id           uuid primary key,
    title        varchar(200) not null,
    body         text         not null,
    keywords     text         not null default '',
    category     varchar(32),
    updated_at   timestamptz  not null default now(),
    row_version  bigint       not null
);

create sequence ticket_number_seq;

create table ticket (
    id                      uuid primary key,
    number                  varchar(32)  not null unique,
    channel                 varchar(16)  not null,
    state                   varchar(32)  not null,
    category                varchar(32),
    priority                varchar(8)   not null,
    title                   varchar(200) not null,
    description             text         not null,
    citizen_name            text,
    citizen_phone           varchar(32),
    address                 text,
    district                text,
    street                  text,
    location_key            text,
    department_id           varchar(32)  references department (id),
    handling_round          integer      not null default 1,
    contact_id              uuid,
    platform_order_id       varchar(64)  unique,
    accepted_at             timestamptz  not null,
    due_at                  timestamptz,
    near_due_at             timestamptz,
    sla_breached            boolean      not null default false,
    urge_count              integer      not null default 0,
    last_urged_at           timestamptz,
    supervised              boolean      not null default false,
    pending_request         varchar(32),
    pending_request_reason  text,
    pending_extension_days  integer,
    department_reply        text,
    citizen_reply           text,
    knowledge_article_id    uuid,
    satisfaction            varchar(24),
    callback_reached        boolean,
    third_party_evaluation  boolean      not null default false,
    owner_username          varchar(64),
    created_by              varchar(64),
    created_site            varchar(8),
    closed_at               timestamptz,
    updated_at              timestamptz  not null,
    version                 bigint       not null default 0,
    row_version             bigint       not null
);

create index ticket_state_idx on ticket (state);
create index ticket_department_idx on ticket (department_id) where state <> 'CLOSED';
create index ticket_due_idx on ticket (due_at) where state <> 'CLOSED';
create index ticket_phone_idx on ticket (citizen_phone, accepted_at);
create index ticket_location_idx on ticket (location_key, category, accepted_at);
create index ticket_owner_idx on ticket (owner_username) where state <> 'CLOSED';

create table ticket_event (
    id           uuid primary key,
    ticket_id    uuid         not null references ticket (id),
    seq          integer      not null,
    action       varchar(32)  not null,
    from_state   varchar(32),
    to_state     varchar(32)  not null,
    actor        varchar(64)  not null,
    actor_role   varchar(16)  not null,
    site         varchar(8)   not null,
    at           timestamptz  not null,
    note         text,
    detail       text,
    row_version  bigint       not null,
    unique (ticket_id, seq)
);

-- repeat complaints: same caller, or same place and topic, within the configured window
create table ticket_link (
    id                 uuid primary key,
    ticket_id          uuid        not null references ticket (id),
    related_ticket_id  uuid        not null references ticket (id),
    reason             varchar(24) not null,
    created_at         timestamptz not null,
    row_version        bigint      not null,
    unique (ticket_id, related_ticket_id)
);

-- work orders received from the city 12345 platform
create table platform_order (
    order_id        varchar(64) primary key,
    ticket_id       uuid        not null references ticket (id),
    dispatched_at   timestamptz,
    platform_due_at timestamptz,
    received_at     timestamptz not null,
    payload         text        not null,
    row_version     bigint      not null
);

-- what the hotline owes the 12345 platform (sign, result, return/extension applications): written in
-- the same transaction as the ticket change, delivered with retries until the platform accepts it
create table platform_outbox (
    id               uuid primary key,
    order_id         varchar(64) not null references platform_order (order_id),
    kind             varchar(24) not null,
    payload          text        not null,
    status           varchar(16) not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    row_version      bigint      not null
);

create index platform_outbox_due_idx on platform_outbox (next_attempt_at) where status = 'PENDING';

create trigger department_row_version before insert or update on department for each row execute function bump_row_version();
create trigger account_row_version before insert or update on account for each row execute function bump_row_version();
create trigger knowledge_article_row_version before insert or update on knowledge_article for each row execute function bump_row_version();
create trigger ticket_row_version before insert or update on ticket for each row execute function bump_row_version();
create trigger ticket_event_row_version before insert or update on ticket_event for each row execute function bump_row_version();
create trigger ticket_link_row_version before insert or update on ticket_link for each row execute function bump_row_version();
create trigger platform_order_row_version before insert or update on platform_order for each row execute function bump_row_version();
create trigger platform_outbox_row_version before insert or update on platform_outbox for each row execute function bump_row_version();
