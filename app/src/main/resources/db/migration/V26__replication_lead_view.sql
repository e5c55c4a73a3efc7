-- Site-local: the replication view (GET /api/ops/replication) of the site's lead replica, the one that runs the CDC
-- engine, published about once a second and at every CDC state change. The other replicas of the site answer with it
-- (see ReplicationView), so it does not matter which replica the site's Service picks. Never replicated: the peer
-- site has its own lead and its own row (afterMigrate.sql lists the table as site-local).
create table replication_lead_view (
    site          varchar(8)   primary key,
    replica       text         not null,  -- the lead replica that published it (its host name, the pod name)
    view          jsonb        not null,  -- its answer to GET /api/ops/replication, without the grid-wide fields
    published_at  timestamptz  not null   -- the database's clock: every replica measures the age on the same clock
);
