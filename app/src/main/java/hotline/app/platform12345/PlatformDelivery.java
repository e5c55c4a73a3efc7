package hotline.app.platform12345;

import hotline.app.site.SiteStateService;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the outbox to the 12345 platform:
 * <ol>
 *   <li>claim a batch of due submissions by pushing their next attempt into the future (a lease, so a
 *       crashed sender's rows come back by themselves and two instances never send the same row at once);</li>
 *   <li>post each with its id as {@code Idempotency-Key} (the platform answers a repeat once);</li>
 *   <li>mark it SENT, or schedule the next attempt with exponential back-off.</li>
 * </ol>
 */
@Component("platform12345")
class PlatformDelivery implements HealthIndicator {

    private final SiteStateService site;

    private static final Logger log = LoggerFactory.getLogger(PlatformDelivery.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final PlatformProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RestClient http;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    PlatformDelivery(SiteStateService site, JdbcClient jdbc, PlatformProperties properties, Clock clock, MeterRegistry meters,
                     RestClient.Builder builder) {
        this.site = site;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build());
        factory.setReadTimeout(properties.requestTimeout());
        this.http = builder.baseUrl(properties.baseUrl().toString()).requestFactory(factory).build();
        meters.gauge("hotline.platform12345.outbox.pending", pending);
        meters.gauge("hotline.platform12345.outbox.oldest.seconds", oldestPendingSeconds);
    }

    record Due(UUID id, String orderId, Submission kind, String payload, int attempts) {
    }

    @Scheduled(fixedDelayString = "${hotline.platform12345.delivery-interval:PT1S}", initialDelayString = "PT1S")
    void deliver() {
        if (!site.takesWrites()) {
            return;  // only the active site talks to the platform
        }
        deliverDue();
    }

    /** One delivery pass; returns how many submissions the platform accepted. */
    int deliverDue() {
        int sent = 0;
        for (Due due : claim(clock.instant())) {
            if (send(due)) {
                sent++;
            }
        }
        refreshGauges();
        return sent;
    }

    private List<Due> claim(Instant now) {
        return jdbc.sql("""
                        update platform_outbox set next_attempt_at = :lease
                        where id in (select id from platform_outbox where status = 'PENDING' and next_attempt_at <= :now
                                     order by created_at limit 20 for update skip locked)
                        returning id, order_id, kind, payload, attempts""")
                .param("lease", Timestamp.from(now.plus(LEASE))).param("now", Timestamp.from(now))
                .query((rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("order_id"),
                        Submission.valueOf(rs.getString("kind")), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    private boolean send(Due due) {
        Instant now = clock.instant();
        try {
            http.post().uri(due.kind().path(due.orderId()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Authorization", "Bearer " + properties.outboundToken())
                    .header("Idempotency-Key", due.id().toString())
                    .body(due.payload())
                    .retrieve()
                    .toBodilessEntity();
            jdbc.sql("update platform_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null where id = ?")
                    .params(Timestamp.from(now), due.id()).update();
            meters.counter("hotline.platform12345.submissions", "kind", due.kind().name(), "outcome", "sent").increment();
            log.info("12345 {} for order {} delivered (attempt {})", due.kind(), due.orderId(), due.attempts() + 1);
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 408 || e.getStatusCode().value() == 429) {
                return retryLater(due, now, e);
            }
            // the platform refuses this submission for good: retrying cannot help, a person must look
            String error = e.getStatusCode() + ": " + e.getResponseBodyAsString();
            jdbc.sql("update platform_outbox set status = 'REJECTED', attempts = attempts + 1, last_error = ? where id = ?")
                    .params(error.length() > 500 ? error.substring(0, 500) : error, due.id()).update();
            meters.counter("hotline.platform12345.submissions", "kind", due.kind().name(), "outcome", "rejected").increment();
            log.error("12345 {} for order {} rejected by the platform, needs review: {}", due.kind(), due.orderId(), error);
            return false;
        } catch (RuntimeException e) {
            return retryLater(due, now, e);
        }
    }

    private boolean retryLater(Due due, Instant now, RuntimeException e) {
        Duration backoff = backoff(due.attempts() + 1);
        String error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
        jdbc.sql("update platform_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")
                .params(Timestamp.from(now.plus(backoff)), error.length() > 500 ? error.substring(0, 500) : error, due.id())
                .update();
        meters.counter("hotline.platform12345.submissions", "kind", due.kind().name(), "outcome", "failed").increment();
        log.warn("12345 {} for order {} failed (attempt {}), retry in {}: {}", due.kind(), due.orderId(),
                due.attempts() + 1, backoff, error);
        return false;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 16);
        Duration d = properties.retryMin().multipliedBy(factor);
        return d.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : d;
    }

    private void refreshGauges() {
        Instant now = clock.instant();
        jdbc.sql("select count(*) as n, min(created_at) as oldest from platform_outbox where status = 'PENDING'")
                .query(rs -> {
                    pending.set(rs.getLong("n"));
                    Timestamp oldest = rs.getTimestamp("oldest");
                    oldestPendingSeconds.set(oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toSeconds());
                });
    }

    @Override
    public Health health() {
        // delivery trouble never makes the site unhealthy: the outbox holds the obligations until it recovers
        return Health.up().withDetail("pendingSubmissions", pending.get())
                .withDetail("oldestPendingSeconds", oldestPendingSeconds.get())
                .withDetail("platform", properties.baseUrl().toString()).build();
    }
}
