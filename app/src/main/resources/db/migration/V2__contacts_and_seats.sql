-- Contacts (calls and messages waiting for and handled by agents), calls, recordings and seat presence.
-- Designed for CDC like V1: a primary key and a row_version from the global sequence on every table.

-- where each agent is: OFFLINE, BREAK, READY, BUSY, AFTER_CALL_WORK. The ACD offers contacts to READY agents
-- without a pending offer, the one idle longest (smallest idle_since) first.
create table seat_presence (
    username            varchar(64) primary key,
    state               varchar(24) not null,
    since               timestamptz not null,
    idle_since          timestamptz,
    offered_contact_id  uuid,
    seat_label          varchar(16),
    site                varchar(8)  not null,
    version             bigint      not null default 0,
    row_version         bigint      not null
);

create index seat_presence_ready_idx on seat_presence (idle_since) where state = 'READY' and offered_contact_id is null;

create table contact (
    id              uuid primary key,
    channel         varchar(16)  not null,
    state           varchar(16)  not null,
    priority        varchar(16)  not null,
    category        varchar(32),
    caller_number   varchar(32),
    sender_name     text,
    external_id     varchar(128),
    subject         varchar(200),
    body            text,
    queued_at       timestamptz  not null,
    offered_to      varchar(64),
    offered_at      timestamptz,
    offer_count     integer      not null default 0,
    agent_username  varchar(64),
    connected_at    timestamptz,
    ended_at        timestamptz,
    ticket_id       uuid,
    site            varchar(8)   not null,
    version         bigint       not null default 0,
    row_version     bigint       not null,
    -- web/WeChat gateways retry: one contact per message
    unique (channel, external_id)
);

-- the queue: emergencies first, then first come first served
create index contact_queue_idx on contact ((case priority when 'EMERGENCY' then 0 else 1 end), queued_at, id)
    where state = 'QUEUED';
create index contact_offered_idx on contact (offered_at) where state = 'OFFERED';
create index contact_agent_idx on contact (agent_username, state);

create table call_record (
    id              uuid primary key,
    contact_id      uuid         references contact (id),
    direction       varchar(8)   not null,
    purpose         varchar(16),
    caller          varchar(32)  not null,
    callee          varchar(32)  not null,
    agent_username  varchar(64),
    ticket_id       uuid,
    started_at      timestamptz  not null,
    answered_at     timestamptz,
    ended_at        timestamptz,
    recording_id    uuid,
    site            varchar(8)   not null,
    row_version     bigint       not null
);

create index call_record_contact_idx on call_record (contact_id);

create table recording (
    id              uuid primary key,
    call_id         uuid         not null references call_record (id),
    contact_id      uuid,
    agent_username  varchar(64),
    storage_path    text         not null,
    sha256          char(64)     not null,
    size_bytes      bigint       not null,
    duration_ms     bigint       not null,
    content_type    varchar(64)  not null,
    started_at      timestamptz  not null,
    created_at      timestamptz  not null,
    site            varchar(8)   not null,
    row_version     bigint       not null
);

create index recording_started_idx on recording (started_at);
create index recording_agent_idx on recording (agent_username, started_at);

-- every playback of a recording (录音监听/调听), for the confidentiality audit: who, when, from which site
create table recording_access (
    id              uuid primary key,
    recording_id    uuid         not null references recording (id),
    username        varchar(64)  not null,
    role            varchar(16)  not null,
    outcome         varchar(16)  not null,
    at              timestamptz  not null,
    site            varchar(8)   not null,
    row_version     bigint       not null
);

create trigger seat_presence_row_version before insert or update on seat_presence for each row execute function bump_row_version();
create trigger contact_row_version before insert or update on contact for each row execute function bump_row_version();
create trigger call_record_row_version before insert or update on call_record for each row execute function bump_row_version();
create trigger recording_row_version before insert or update on recording for each row execute function bump_row_version();
create trigger recording_access_row_version before insert or update on recording_access for each row execute function bump_row_version();
