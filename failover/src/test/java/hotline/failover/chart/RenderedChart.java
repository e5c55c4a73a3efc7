package hotline.failover.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.util.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chart ../helm/hotline rendered through helm-java (Helm as a native library, no binary needed), split
 * into documents: Kubernetes kinds parsed into the official client's model objects, everything (CRDs
 * included) also as plain maps.
 */
final class RenderedChart {

    static final Path CHART = Paths.get("..", "helm", "hotline").toAbsolutePath().normalize();

    /** The example release of one site: release name and namespace hotline-&lt;site&gt;. */
    record Site(String id) {
        String release() {
            return "hotline-" + id;
        }

        String namespace() {
            return "hotline-" + id;
        }

        Path valuesFile() {
            return CHART.resolve("values-site-" + id + ".yaml");
        }
    }

    static final Site A = new Site("a");
    static final Site B = new Site("b");

    final String yaml;
    final List<Map<String, Object>> documents;
    final List<Object> objects;

    private RenderedChart(String yaml) throws IOException {
        this.yaml = yaml;
        this.documents = new ArrayList<>();
        this.objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            Object parsed = new org.yaml.snakeyaml.Yaml().load(document);
            if (parsed == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parsed;
            documents.add(map);
            String apiVersion = String.valueOf(map.get("apiVersion"));
            if (!apiVersion.startsWith("monitoring.coreos.com/")) {
                objects.add(Yaml.load(document));
            }
        }
    }

    static RenderedChart render(Site site) {
        return render(site.release(), site.namespace(), site.valuesFile());
    }

    static RenderedChart render(String release, String namespace, Path... valuesFiles) {
        var template = new Helm(CHART).template().withName(release).withNamespace(namespace);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        try {
            return new RenderedChart(template.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * helm-java's lint takes no values files, so lint runs on a copy of the chart whose values.yaml is
     * the chart's own with the site's file laid over it (what {@code helm lint -f} does).
     */
    static LintResult lintStrict(Path siteValues) throws IOException {
        Path staged = Files.createTempDirectory("hotline-chart-");
        try {
            Path chart = staged.resolve("hotline");
            copyTree(CHART, chart);
            org.yaml.snakeyaml.Yaml snake = new org.yaml.snakeyaml.Yaml();
            Map<String, Object> values = snake.load(Files.readString(CHART.resolve("values.yaml")));
            Map<String, Object> overlay = snake.load(Files.readString(siteValues));
            Files.writeString(chart.resolve("values.yaml"), snake.dump(deepMerge(values, overlay)));
            return new Helm(chart).lint().strict().call();
        } finally {
            deleteTree(staged);
        }
    }

    static LintResult lintStrictAsIs() {
        return new Helm(CHART).lint().strict().call();
    }

    <T extends KubernetesObject> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends KubernetesObject> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " in the rendered chart"));
    }

    <T extends KubernetesObject> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    Optional<Map<String, Object>> document(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name.equals(((Map<?, ?>) d.get("metadata")).get("name")))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object current = merged.get(key);
            if (current instanceof Map && value instanceof Map) {
                merged.put(key, deepMerge((Map<String, Object>) current, (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
