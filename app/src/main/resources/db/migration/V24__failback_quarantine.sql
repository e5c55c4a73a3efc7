-- Failback quarantine: changes that exist only at a failed old active site (committed there, never replicated,
-- never journalled) are found when that site is demoted and kept here for review instead of being wiped by
-- its resync. Needs track_commit_timestamp = on at both sites (pg_xact_commit_timestamp(xmin)).
--
-- replication_quarantine is REPLICATED (afterMigrate.sql gives it the site guard and the journal capture): the
-- old active writes the entries into the NEW ACTIVE's database through its peer connection, so they live at
-- the site that takes writes, reach the old active through its own resync/CDC like any row, and cannot be
-- deleted by that resync. The quarantine_* tables are SITE-LOCAL (afterMigrate.sql skips 'quarantine%').

create table replication_quarantine (
    id                        uuid         primary key,
    -- table, key and the old active's version of the row (or its deletion): one entry per orphan, however
    -- often the scan runs
    orphan_ref                text         not null unique,
    detected_at               timestamptz  not null,
    detected_by_site          varchar(16)  not null,
    -- the epoch the old active was demoted to (the new active's epoch)
    epoch                     bigint       not null,
    old_active_site           varchar(16)  not null,
    new_active_site           varchar(16)  not null,
    table_name                varchar(64)  not null,
    row_key                   text         not null,
    kind                      varchar(32)  not null check (kind in ('ONLY_AT_OLD_ACTIVE', 'CHANGED_AT_BOTH_SITES')),
    -- null: the old active deleted the row
    old_active_row            jsonb,
    -- null: the new active has no such row
    new_active_row            jsonb,
    old_active_committed_at   timestamptz,
    new_active_committed_at   timestamptz,
    reason                    text         not null,
    status                    varchar(16)  not null default 'OPEN' check (status in ('OPEN', 'REVIEWED')),
    reviewed_by               varchar(64),
    reviewed_at               timestamptz,
    note                      text,
    row_version               bigint       not null,
    check (old_active_row is not null or new_active_row is not null),
    check (status = 'OPEN' or (reviewed_by is not null and reviewed_at is not null and note is not null))
);
create index replication_quarantine_status on replication_quarantine (status, detected_at);
create trigger replication_quarantine_row_version before insert or update on replication_quarantine
    for each row execute function bump_row_version();

-- Fallback at the old active when the new active refuses the entries (unreachable, fenced, not yet ACTIVE):
-- kept here, outside every resync, and moved to the new active as soon as it accepts them.
create table quarantine_pending (like replication_quarantine including defaults including constraints including indexes);

-- At a standby: the commit time AT THE SOURCE (source.ts_us, the source's clock) of the last source transaction
-- applied from it, written in the same transaction as the CDC offset. Unlike replication_offset it survives a
-- promotion: it is what a returning old active compares its own commit timestamps with.
create table quarantine_source_watermark (
    source_site         varchar(16)  primary key,
    last_source_commit  timestamptz  not null,
    last_source_tx      bigint,
    last_lsn            bigint,
    standby_epoch       bigint       not null,
    applied_at          timestamptz  not null
);

-- At a standby: the row versions a journal replay applied (acknowledged writes CDC had not delivered). The
-- returning old active finds those rows after the watermark, but they reached this site and are no orphans.
create table quarantine_replayed_row (
    source_site   varchar(16)  not null,
    table_name    varchar(64)  not null,
    row_key       text         not null,
    row_version   bigint       not null,
    op            char(1)      not null,
    replayed_at   timestamptz  not null default now(),
    primary key (source_site, table_name, row_key, row_version)
);

-- Every period this site was ACTIVE (this site's clock): since = when the promotion committed, ended_at = when
-- it was found STANDBY again (before CDC from the new active starts), scanned_at = when its orphans were
-- looked for. A STANDBY does not start CDC while one of its periods is unscanned.
create table quarantine_active_period (
    epoch         bigint       primary key,
    active_since  timestamptz  not null,
    ended_at      timestamptz,
    scanned_at    timestamptz,
    scan_summary  text
);
