package hotline.app.replication;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Debezium row (a Kafka Connect {@link Struct}) into JSON that PostgreSQL's {@code jsonb_populate_record}
 * reads back into the same column types: timestamps as ISO text, dates, times, JSON columns as JSON, binary as
 * {@code \x} hex. The connector runs with {@code decimal.handling.mode=string}, {@code binary.handling.mode=hex}
 * and {@code interval.handling.mode=string}, so those arrive as text already.
 */
final class ConnectJson {

    private final JsonMapper json;

    ConnectJson(JsonMapper json) {
        this.json = json;
    }

    ObjectNode row(Struct struct) {
        ObjectNode node = json.createObjectNode();
        for (Field field : struct.schema().fields()) {
            node.set(field.name(), value(field.schema(), struct.get(field)));
        }
        return node;
    }

    private JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return json.getNodeFactory().nullNode();
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case "io.debezium.time.MicroTimestamp":
                    return text(LocalDateTime.ofEpochSecond(Math.floorDiv((Long) value, 1_000_000L),
                            (int) Math.floorMod((Long) value, 1_000_000L) * 1000, ZoneOffset.UTC).toString());
                case "io.debezium.time.Timestamp":
                    return text(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value), ZoneOffset.UTC).toString());
                case "io.debezium.time.NanoTimestamp":
                    return text(LocalDateTime.ofEpochSecond(Math.floorDiv((Long) value, 1_000_000_000L),
                            (int) Math.floorMod((Long) value, 1_000_000_000L), ZoneOffset.UTC).toString());
                case "io.debezium.time.Date":
                    return text(LocalDate.ofEpochDay((Integer) value).toString());
                case "io.debezium.time.MicroTime":
                    return text(LocalTime.ofNanoOfDay((Long) value * 1000).toString());
                case "io.debezium.time.Time":
                    return text(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000).toString());
                case "io.debezium.data.Json":
                    return json.readTree((String) value);
                case "org.apache.kafka.connect.data.Date":
                    return text(((java.util.Date) value).toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString());
                case "org.apache.kafka.connect.data.Timestamp":
                    return text(((java.util.Date) value).toInstant().toString());
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> json.getNodeFactory().numberNode(((Number) value).longValue());
            case FLOAT32, FLOAT64 -> json.getNodeFactory().numberNode(((Number) value).doubleValue());
            case BOOLEAN -> json.getNodeFactory().booleanNode((Boolean) value);
            case STRING -> text((String) value);
            case BYTES -> text("\\x" + HexFormat.of().formatHex(value instanceof ByteBuffer b ? bytes(b) : (byte[]) value));
            case ARRAY -> {
                ArrayNode array = json.createArrayNode();
                for (Object element : (List<?>) value) {
                    array.add(value(schema.valueSchema(), element));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = json.createObjectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(String.valueOf(k), value(schema.valueSchema(), v)));
                yield object;
            }
            case STRUCT -> row((Struct) value);
        };
    }

    private JsonNode text(String value) {
        return json.getNodeFactory().stringNode(value);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
