package hotline.failover.sites;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hotline.infra.load.DeskClient;

/**
 * Logged-in agent desks that keep saving new tickets through the front door, as agents do during a switch: each
 * desk logs in once (its session lives in the grid and must carry on at the other site), retries a refused or failed
 * save after 50 ms, and every acknowledged save (201 with the ticket's id) is recorded client-side with its time.
 */
final class DeskWriters implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** One acknowledged save: when, which ticket, which desk, and which site answered ({@code Hotline-Site}). */
    record Ack(long atNanos, String id, int writer, String site) {
    }

    /** The longest gap between two consecutive acknowledged writes after a moment: what the desks felt. */
    record Gap(long lastBeforeNanos, long firstAfterNanos) {
        long millis() {
            return (firstAfterNanos - lastBeforeNanos) / 1_000_000;
        }
    }

    private final List<Ack> acks = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    DeskWriters(URI frontDoor, int desks) throws java.io.IOException, InterruptedException {
        for (int w = 0; w < desks; w++) {
            int writer = w;
            DeskClient desk = new DeskClient(frontDoor).login("agent" + (writer + 1), "demo");
            Thread t = new Thread(() -> write(desk, writer), "desk-" + writer);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private void write(DeskClient desk, int writer) {
        int n = 0;
        while (writing.get()) {
            try {
                HttpResponse<String> r = desk.post("/api/tickets",
                        LocalSites.ticket("138" + String.format("%02d%06d", writer, n++)));
                Matcher m = ID.matcher(r.body());
                if (r.statusCode() == 201 && m.find()) {
                    synchronized (acks) {
                        acks.add(new Ack(System.nanoTime(), m.group(1), writer,
                                r.headers().firstValue("Hotline-Site").orElse("?")));
                    }
                    continue;
                }
            } catch (Exception e) {
                // a refused connection or timeout while the sites switch: retried like a refusal
            }
            refused.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    int count() {
        synchronized (acks) {
            return acks.size();
        }
    }

    int refused() {
        return refused.get();
    }

    /** Stops the desks and returns every acknowledged write, oldest first. */
    List<Ack> stop() throws InterruptedException {
        writing.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        return acked();
    }

    List<Ack> acked() {
        List<Ack> copy;
        synchronized (acks) {
            copy = new ArrayList<>(acks);
        }
        copy.sort(Comparator.comparingLong(Ack::atNanos));
        return copy;
    }

    /**
     * The RTO as the desks felt it: the last write acknowledged by site {@code from} and the first one acknowledged
     * by site {@code to} after it (the answering site is in every response's {@code Hotline-Site} header).
     */
    static Gap handover(List<Ack> acked, String from, String to) {
        long lastFrom = acked.stream().filter(a -> a.site().equals(from)).mapToLong(Ack::atNanos).max()
                .orElseThrow(() -> new AssertionError("no write was acknowledged by site " + from));
        long firstTo = acked.stream().filter(a -> a.site().equals(to) && a.atNanos() > lastFrom).mapToLong(Ack::atNanos)
                .min().orElseThrow(() -> new AssertionError("no write was acknowledged by site " + to + " after site "
                        + from + "'s last"));
        return new Gap(lastFrom, firstTo);
    }

    /** The longest gap between consecutive acknowledged writes that ends after {@code fromNanos}. */
    static Gap longestGapAfter(List<Ack> acked, long fromNanos) {
        Gap longest = new Gap(0, 0);
        for (int i = 1; i < acked.size(); i++) {
            long gap = acked.get(i).atNanos() - acked.get(i - 1).atNanos();
            if (gap > longest.firstAfterNanos() - longest.lastBeforeNanos() && acked.get(i).atNanos() >= fromNanos) {
                longest = new Gap(acked.get(i - 1).atNanos(), acked.get(i).atNanos());
            }
        }
        return longest;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
