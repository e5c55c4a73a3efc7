-- Site-local: the slot a site created for its peer when it was promoted, before its first write as ACTIVE. The
-- demoted peer may start streaming from it instead of copying everything again (see HandoverSlot).
create table replication_handover (
    slot_name        varchar(63)  primary key,
    epoch            bigint       not null,  -- the promotion's epoch
    previous_epoch   bigint       not null,  -- the epoch this site followed the peer at, as its STANDBY
    previous_active  varchar(8)   not null,  -- the site it followed then
    consistent_lsn   pg_lsn       not null,  -- the slot's first position: everything after it is streamed
    created_at       timestamptz  not null default now()
);

-- what the scan of an ACTIVE period found (null: scanned before these columns existed): orphan changes, and rows
-- that are no orphan (same content at the new active) but carry a row_version the new active does not have
alter table quarantine_active_period add column orphans_found integer;
alter table quarantine_active_period add column rows_rewritten integer;
