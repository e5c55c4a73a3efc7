package hotline.app.replication;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store, backed by the {@code replication_offset} row that the applier writes in the same
 * transaction as the rows it covers. The engine's own periodic flush writes nothing (the row is already
 * committed); reading returns the committed row, so a restart resumes exactly after the last applied transaction.
 * The engine instantiates this class by name; it finds its site's row through a registry keyed by engine name.
 */
public class TransactionalOffsetStore extends MemoryOffsetBackingStore {

    private static final Map<String, Supplier<byte[]>> READERS = new ConcurrentHashMap<>();

    private String engineName;

    static void register(String engineName, Supplier<byte[]> committedOffset) {
        READERS.put(engineName, committedOffset);
    }

    static void unregister(String engineName) {
        READERS.remove(engineName);
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        engineName = config.originalsStrings().get("name");
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Supplier<byte[]> reader = READERS.get(engineName);
        if (reader == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no offset reader for engine " + engineName));
        }
        byte[] value = reader.get();
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        if (value != null) {
            // one connector, one source partition: whatever key the engine asks for, this is its offset
            keys.forEach(k -> result.put(k, ByteBuffer.wrap(value)));
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
