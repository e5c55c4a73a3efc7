package hotline.failover.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hotline.infra.load.DeskClient;

/**
 * The drill's load: logged-in agent desks working through the stable URL (the front door), as agents do during a
 * switch. Each desk logs in once (its session lives in the grid and must carry on at the other site), then in a loop
 * creates a ticket and screens it (an update carrying the ticket's version), retrying a refused or failed request
 * after 50 ms. Every acknowledged write is recorded client-side with its time, the ticket, the version it produced
 * and the site that answered ({@code Hotline-Site}); the RPO check looks for exactly these in the new active's
 * database.
 */
public final class LoadDriver implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    /** One acknowledged write. {@code version}: the ticket's version after it (0 when the answer did not say). */
    public record Ack(long atNanos, Instant at, String kind, String ticketId, long version, int desk, String site) {
    }

    /** The gap between two consecutive acknowledged writes: what the desks felt. */
    public record Gap(Ack before, Ack after) {
        public long millis() {
            return (after.atNanos() - before.atNanos()) / 1_000_000;
        }
    }

    private final List<Ack> acks = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private LoadDriver() {
    }

    /** Logs {@code desks} agents in through {@code stableUrl} (agent1…agentN, password demo) and starts them. */
    public static LoadDriver start(URI stableUrl, int desks) throws IOException, InterruptedException {
        LoadDriver driver = new LoadDriver();
        for (int d = 0; d < desks; d++) {
            int desk = d;
            DeskClient client = new DeskClient(stableUrl).login("agent" + (desk % 8 + 1), "demo");
            Thread t = new Thread(() -> driver.work(client, desk), "drill-desk-" + desk);
            t.setDaemon(true);
            t.start();
            driver.threads.add(t);
        }
        return driver;
    }

    private void work(DeskClient desk, int number) {
        int n = 0;
        while (running.get()) {
            String phone = String.format(Locale.ROOT, "139%02d%06d", number, n++ % 1_000_000);
            Ack created = attempt(desk, number, "create", "/api/tickets", ticket(phone));
            if (created == null) {
                continue;
            }
            String screen = "{\"version\":" + created.version() + ",\"category\":\"WATER_QUALITY\",\"priority\":\"NORMAL\","
                    + "\"note\":\"screened during a drill\"}";
            while (running.get() && attempt(desk, number, "update",
                    "/api/tickets/" + created.ticketId() + "/actions/screen", screen) == null) {
                // retried until acknowledged: an update lost in a switch would show as a missing version
            }
        }
    }

    /** One write; the ack if it was acknowledged, else null after a short back-off. */
    private Ack attempt(DeskClient desk, int number, String kind, String path, String json) {
        try {
            HttpResponse<String> r = desk.post(path, json);
            Matcher id = ID.matcher(r.body());
            Matcher version = VERSION.matcher(r.body());
            if ((r.statusCode() == 201 || r.statusCode() == 200) && id.find()) {
                Ack ack = new Ack(System.nanoTime(), Instant.now(), kind, id.group(1),
                        version.find() ? Long.parseLong(version.group(1)) : 0, number,
                        r.headers().firstValue("Hotline-Site").orElse("?"));
                synchronized (acks) {
                    acks.add(ack);
                }
                return ack;
            }
            if (r.statusCode() == 409 && kind.equals("update")) {
                // the update was applied but its answer was lost in the switch, then retried: the version moved
                return new Ack(System.nanoTime(), Instant.now(), "update-unconfirmed", "", 0, number, "?");
            }
        } catch (IOException e) {
            // connection refused or reset while the sites switch: retried like a refusal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return null;
        }
        refused.incrementAndGet();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
        return null;
    }

    private static String ticket(String phone) {
        return "{\"channel\":\"PHONE\",\"category\":\"WATER_QUALITY\",\"title\":\"自来水发黄\",\"description\":\"演练: 家中自来水发黄\","
                + "\"citizenPhone\":\"" + phone + "\",\"address\":\"新华路1号\",\"district\":\"江汉区\",\"street\":\"新华路\"}";
    }

    public int acknowledged() {
        synchronized (acks) {
            return acks.size();
        }
    }

    public int refused() {
        return refused.get();
    }

    /** Every acknowledged write so far, oldest first. */
    public List<Ack> acks() {
        List<Ack> copy;
        synchronized (acks) {
            copy = new ArrayList<>(acks);
        }
        copy.sort(Comparator.comparingLong(Ack::atNanos));
        return copy;
    }

    /** Stops the desks (each finishes the request it is in) and returns every acknowledged write, oldest first. */
    public List<Ack> stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        return acks();
    }

    /**
     * The RTO as the desks felt it: the first hand-over from site {@code from} to site {@code to} in the
     * acknowledged writes (each answer names its site in {@code Hotline-Site}): the last write {@code from}
     * acknowledged before the first one {@code to} acknowledged after it. Empty when there is no such hand-over.
     */
    public static java.util.Optional<Gap> handover(List<Ack> acked, String from, String to) {
        Ack lastFrom = null;
        for (Ack a : acked) {
            if (a.site().equals(from)) {
                lastFrom = a;
            } else if (a.site().equals(to) && lastFrom != null) {
                return java.util.Optional.of(new Gap(lastFrom, a));
            }
        }
        return java.util.Optional.empty();
    }

    /** The longest gap between two consecutive acknowledged writes of one desk: the interruption an agent saw. */
    public static java.util.Optional<Gap> longestDeskGap(List<Ack> acked) {
        Gap longest = null;
        java.util.Map<Integer, Ack> lastOfDesk = new java.util.HashMap<>();
        for (Ack a : acked) {
            if (a.ticketId().isEmpty()) {
                continue;
            }
            Ack previous = lastOfDesk.put(a.desk(), a);
            if (previous != null && (longest == null || a.atNanos() - previous.atNanos() > longest.after().atNanos()
                    - longest.before().atNanos())) {
                longest = new Gap(previous, a);
            }
        }
        return java.util.Optional.ofNullable(longest);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
