package hotline.app.replication;

import java.util.Arrays;

/** The most recent latency samples, for exact percentiles over a measurement run (benchmark and ops view). */
final class LatencyWindow {

    private final long[] samples;
    private long count;

    LatencyWindow(int capacity) {
        this.samples = new long[capacity];
    }

    synchronized void record(long nanos) {
        samples[(int) (count % samples.length)] = nanos;
        count++;
    }

    synchronized void reset() {
        count = 0;
    }

    /** {count, p50, p99, max} in nanoseconds over the retained samples. */
    synchronized long[] summary() {
        int n = (int) Math.min(count, samples.length);
        if (n == 0) {
            return new long[]{0, 0, 0, 0};
        }
        long[] copy = Arrays.copyOf(samples, n);
        Arrays.sort(copy);
        return new long[]{count, copy[(int) Math.floor(0.5 * (n - 1))], copy[(int) Math.ceil(0.99 * (n - 1))], copy[n - 1]};
    }
}
