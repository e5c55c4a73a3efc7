-- Runs after every migration (Flyway callback): every replicated table, including those added by later
-- migrations, gets the site write guard and the journal capture trigger. Site-local tables are listed
-- here once; the app's ReplicatedTables uses the same list.
do $$
declare
    t record;
begin
    for t in
        select c.relname as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' and c.relpersistence = 'p'
          and c.relname not in ('flyway_schema_history', 'site_state', 'replication_offset', 'replication_resync',
                                'replication_tombstone', 'replication_heartbeat', 'journal_capture',
                                'replication_handover', 'replication_lead_view')
          and c.relname not like 'quarantine%'
    loop
        execute format('create or replace trigger %I before insert or update or delete or truncate on %I '
                       || 'for each statement execute function site_write_guard()', t.name || '_site_guard', t.name);
        execute format('create or replace trigger %I after insert or update or delete on %I '
                       || 'for each row execute function journal_capture_row()', t.name || '_journal_capture', t.name);
    end loop;
end
$$;
