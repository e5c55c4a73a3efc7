-- Drill evidence (issue: disaster-recovery drills recorded as evidence). Replicated like every business table:
-- a primary key and a row_version from the global sequence; afterMigrate.sql gives it the site write guard and
-- the journal capture trigger, so it is appended only at the ACTIVE site and reaches the standby by CDC.
--
-- Append-only hash chain: content is the canonical JSON of the evidence, exactly as hashed;
-- hash = SHA-256(previous_hash || content). seq orders the chain; previous_hash is unique, so even an append
-- that bypassed the chain-head lock could not fork the chain (the second one fails instead).
-- kind, result, started_at and finished_at repeat what the content says, for listing and metrics; the chain
-- verification checks that they still agree with it.
create table drill_evidence (
    id              uuid         primary key,
    seq             bigint       not null unique check (seq > 0),
    kind            varchar(16)  not null,
    result          varchar(16)  not null,
    started_at      timestamptz  not null,
    finished_at     timestamptz  not null,
    content         text         not null,
    previous_hash   char(64)     not null unique,
    hash            char(64)     not null unique,
    recorded_at     timestamptz  not null,
    recorded_by     varchar(64)  not null,
    recorded_site   varchar(16)  not null,
    row_version     bigint       not null
);

create index drill_evidence_kind_idx on drill_evidence (kind, result, finished_at desc);

create trigger drill_evidence_row_version before insert or update on drill_evidence for each row execute function bump_row_version();
