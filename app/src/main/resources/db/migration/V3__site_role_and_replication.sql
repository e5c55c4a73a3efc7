-- Two sites: each site's own role and epoch, where CDC stands, and the hooks that make a site's database
-- refuse writes unless it is the ACTIVE site. Tables created here are site-local: never replicated.
--
-- The session setting hotline.replica_apply = 'on' marks the standby's apply transactions: they may write
-- while the site is STANDBY, and they keep the row_version the source assigned.

create table site_state (
    singleton    boolean      primary key default true check (singleton),
    site_id      varchar(16)  not null,
    role         varchar(16)  not null check (role in ('ACTIVE', 'STANDBY')),
    epoch        bigint       not null check (epoch > 0),
    fenced       boolean      not null default false,
    active_site  varchar(16)  not null,
    changed_at   timestamptz  not null,
    reason       text         not null
);

-- Debezium's offset for one source, committed in the same transaction as the rows it covers.
create table replication_offset (
    source_site         varchar(16) primary key,
    offset_key          text        not null,
    offset_value        text        not null,
    last_lsn            bigint,
    last_source_tx      bigint,
    last_source_commit  timestamptz,
    applied_at          timestamptz not null
);

-- Present while a resync from a source is under way; a restart finds it and starts the resync over.
create table replication_resync (
    source_site  varchar(16) primary key,
    started_at   timestamptz not null,
    reason       text        not null
);

-- Deleted rows, so that a late replay of an older change cannot bring a row back.
create table replication_tombstone (
    table_name   varchar(64) not null,
    row_key      text        not null,
    row_version  bigint      not null,
    deleted_at   timestamptz not null default now(),
    primary key (table_name, row_key)
);

-- Written once a second at the ACTIVE site by the standby's CDC engine (heartbeat action query) and
-- replicated like a business table: its commit time measures the lag even when nobody writes.
create table replication_heartbeat (
    site_id  varchar(16) primary key,
    beat_at  timestamptz not null
);

-- Every row change of the current transaction, collected at commit for the cross-site journal.
-- Unlogged: not WAL-logged, so not decoded by CDC, and cheap; rows live only until their commit.
create unlogged table journal_capture (
    xid         xid8        not null,
    seq         bigint      generated always as identity,
    table_name  text        not null,
    op          char(1)     not null,
    row_data    jsonb       not null,
    primary key (xid, seq)
);

create function replica_apply() returns boolean language sql stable as $$
    select coalesce(current_setting('hotline.replica_apply', true), '') = 'on'
$$;

create or replace function bump_row_version() returns trigger language plpgsql as $$
begin
    if replica_apply() then
        return new;  -- keep the version the source assigned
    end if;
    new.row_version := nextval('row_version_seq');
    return new;
end
$$;

-- Statement-level guard on every replicated table. FOR SHARE makes a role change (an UPDATE of the one
-- site_state row) wait for writes in flight, and every later write see the new role: once a fence or
-- demotion has committed, no business write can commit at this site.
create function site_write_guard() returns trigger language plpgsql as $$
declare
    s site_state%rowtype;
begin
    if replica_apply() then
        return null;
    end if;
    select * into s from site_state for share;
    if not found then
        return null;  -- not initialised yet: migrations and first start
    end if;
    if s.fenced then
        raise exception using errcode = 'HL001',
            message = format('site %s is fenced at epoch %s: writes are refused', s.site_id, s.epoch);
    end if;
    if s.role <> 'ACTIVE' then
        raise exception using errcode = 'HL002',
            message = format('site %s is %s at epoch %s; writes go to the active site %s',
                             s.site_id, s.role, s.epoch, s.active_site);
    end if;
    return null;
end
$$;

create function journal_capture_row() returns trigger language plpgsql as $$
begin
    if replica_apply() then
        return null;
    end if;
    if tg_op = 'DELETE' then
        insert into journal_capture (xid, table_name, op, row_data)
        values (pg_current_xact_id(), tg_table_name, 'd', to_jsonb(old));
    else
        insert into journal_capture (xid, table_name, op, row_data)
        values (pg_current_xact_id(), tg_table_name, case tg_op when 'INSERT' then 'c' else 'u' end, to_jsonb(new));
    end if;
    return null;
end
$$;
