package hotline.infra.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Load driver for the replication benchmark: N ticket writes per second for T seconds through the active site's
 * API, as logged-in agents (open loop: a write is started every 1/N s whether or not earlier ones finished), then
 * the standby's CDC lag distribution over exactly that run, the journal depth seen while it ran, and throughput.
 * Runs against a stack started with {@code ./hotline up}.
 */
@Command(name = "bench-replication", mixinStandardHelpOptions = true,
        description = "Drive N ticket writes/s through site A for T seconds; print CDC lag p50/p99/max at site B, "
                + "journal depth and throughput.")
public final class ReplicationBenchmark implements Callable<Integer> {

    @Option(names = "--active", defaultValue = "http://localhost:8081", description = "the ACTIVE site") URI active;
    @Option(names = "--standby", defaultValue = "http://localhost:8082", description = "the STANDBY site") URI standby;
    @Option(names = "--rate", defaultValue = "200", description = "writes per second") int rate;
    @Option(names = "--seconds", defaultValue = "60") int seconds;
    @Option(names = "--agents", defaultValue = "8", description = "agent sessions (agent1..agentN, password demo)") int agents;
    @Option(names = "--threads", defaultValue = "48", description = "concurrent requests at most") int threads;
    @Option(names = "--warmup-seconds", defaultValue = "5") int warmupSeconds;

    private final PrintStream out = System.out;
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || agents < 1 || agents > 8 || threads < 1) {
            System.err.println("--rate, --seconds, --threads must be positive and --agents 1-8");
            return 2;
        }
        List<DeskClient> desks = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            desks.add(new DeskClient(active).login("agent" + i, "demo"));
        }
        DeskClient ops = new DeskClient(standby).login("ops", "demo");
        DeskClient opsActive = new DeskClient(active).login("ops", "demo");

        out.printf("warming up %d s at %d writes/s ...%n", warmupSeconds, rate);
        drive(desks, rate, warmupSeconds, null);
        awaitCaughtUp(ops, opsActive);
        ops.post("/api/ops/replication/lag/reset", "{}");

        out.printf("measuring %d s at %d writes/s through %s (%d agent sessions) ...%n", seconds, rate, active, agents);
        AtomicLong maxJournal = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    JsonNode s = json.readTree(opsActive.get("/api/ops/replication").body());
                    maxJournal.accumulateAndGet(s.path("journalDepth").asLong(), Math::max);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // sampling is best effort
                }
            }
        });
        sampler.start();
        Result result = drive(desks, rate, seconds, maxJournal);
        sampler.interrupt();
        sampler.join();
        Thread.sleep(3000);  // let the standby apply the tail, so every write of the run is in the lag figures
        JsonNode standbyStatus = json.readTree(ops.get("/api/ops/replication").body());
        JsonNode activeStatus = json.readTree(opsActive.get("/api/ops/replication").body());

        out.println();
        out.printf("writes requested        : %d (%d/s for %d s)%n", result.requested, rate, seconds);
        out.printf("writes acknowledged     : %d, failed %d%n", result.ok, result.failed);
        out.printf("throughput (acked)      : %.1f writes/s%n", result.ok / result.elapsedSeconds);
        out.printf("client latency          : p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", result.p50, result.p99, result.max);
        out.printf("CDC lag at standby      : p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d source transactions%n",
                standbyStatus.path("lagP50Millis").asDouble(), standbyStatus.path("lagP99Millis").asDouble(),
                standbyStatus.path("lagMaxMillis").asDouble(), standbyStatus.path("lagSamples").asLong());
        out.printf("journal depth           : max %d while running, %d now%n", maxJournal.get(),
                activeStatus.path("journalDepth").asLong());
        out.printf("standby                 : %s, protected=%s%n", standbyStatus.path("cdcState").asString(),
                activeStatus.path("protected").asBoolean());
        return result.failed == 0 ? 0 : 1;
    }

    /** A backlog from earlier load would pollute this run's lag figures: start from a standby that has caught up. */
    private void awaitCaughtUp(DeskClient standbyOps, DeskClient activeOps) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode s = json.readTree(standbyOps.get("/api/ops/replication").body());
            JsonNode a = json.readTree(activeOps.get("/api/ops/replication").body());
            if (s.path("lagSeconds").asDouble() < 1.5 && a.path("journalDepth").asLong() < 50) {
                return;
            }
            Thread.sleep(1000);
        }
        out.println("warning: the standby did not catch up within 3 minutes; figures include an old backlog");
    }

    private record Result(long requested, long ok, long failed, double elapsedSeconds, double p50, double p99, double max) {
    }

    private Result drive(List<DeskClient> desks, int perSecond, int forSeconds, AtomicLong unused) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long total = (long) perSecond * forSeconds;
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            DeskClient desk = desks.get((int) (i % desks.size()));
            long n = i;
            pool.execute(() -> {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = desk.post("/api/tickets", ticket(n));
                    if (r.statusCode() == 201) {
                        ok.incrementAndGet();
                        latencies.add(System.nanoTime() - t0);
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted.length == 0 ? 0 : sorted[(int) Math.floor(0.5 * (sorted.length - 1))] / 1e6;
        double p99 = sorted.length == 0 ? 0 : sorted[(int) Math.ceil(0.99 * (sorted.length - 1))] / 1e6;
        double max = sorted.length == 0 ? 0 : Arrays.stream(sorted).max().orElse(0) / 1e6;
        return new Result(total, ok.get(), failed.get(), elapsed, p50, p99, max);
    }

    private static final String[] CATEGORIES = {"WATER_QUALITY", "PIPE_BURST", "WATER_SUPPLY_OUTAGE", "METER_BILLING", "WATERLOGGING"};

    private static String ticket(long n) {
        return "{\"channel\":\"PHONE\",\"category\":\"" + CATEGORIES[(int) (n % CATEGORIES.length)] + "\","
                + "\"title\":\"压测工单 " + n + "\",\"description\":\"复制基准测试\",\"citizenPhone\":\"137"
                + String.format("%08d", n % 100_000_000) + "\",\"address\":\"测试路" + n + "号\","
                + "\"district\":\"江汉区\",\"street\":\"测试路\"}";
    }
}
