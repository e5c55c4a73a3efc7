package hotline.failover.procedure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values a run remembers across steps and crashes (the procedure's parameters, the promotion token, the new
 * epoch). Persisted with the run after every step.
 */
public final class Memo {

    private final Map<String, String> values;

    public Memo(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("the run has no '" + key + "' (known: " + values.keySet() + ")");
        }
        return value;
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<Long> findLong(String key) {
        return find(key).map(Long::parseLong);
    }

    public void put(String key, Object value) {
        values.put(key, String.valueOf(value));
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
