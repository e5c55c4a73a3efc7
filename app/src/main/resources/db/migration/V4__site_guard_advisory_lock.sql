-- The site guard takes a shared advisory lock instead of locking the site_state row FOR SHARE: same
-- guarantee (a role change takes the lock exclusively, so it waits for writes in flight and every later write
-- sees the new role), but no tuple lock, no MultiXact and no WAL record per write transaction.
create or replace function site_write_guard() returns trigger language plpgsql as $$
declare
    s site_state%rowtype;
begin
    if replica_apply() then
        return null;
    end if;
    perform pg_advisory_xact_lock_shared(hashtext('hotline.site_state'));
    select * into s from site_state;
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
