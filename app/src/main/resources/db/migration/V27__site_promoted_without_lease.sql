-- A site ops promoted while the lease authority (the witness, or the Kubernetes API holding the Lease) did not
-- answer: `ctl failover --force --without-witness`, when the active site and the witness are lost together. Until its
-- controller has taken the lease at this epoch, the flag tells that controller to keep the site serving without the
-- lease store (instead of fencing it at the renew deadline) and to take the lease as soon as the store answers.
-- Any later role change clears it. Site-local like the rest of site_state.
alter table site_state add column promoted_without_lease boolean not null default false;
