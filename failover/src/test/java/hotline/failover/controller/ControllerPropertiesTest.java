package hotline.failover.controller;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControllerPropertiesTest {

    /** A misspelt key would otherwise leave the local-stack default (here: the witness lease store) in a release. */
    @Test
    void aMisspeltSettingStopsTheControllerBeforeItStarts() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ControllerApplication.class)
                .properties(Map.of("spring.config.name", "controller"))
                .run("--server.port=0", "--hotline.failover.lease.stroe=kubernetes").close())
                .satisfies(e -> assertThat(rootMessages(e)).contains("hotline.failover.lease.stroe"));
    }

    /** The chart passes the passwords as HOTLINE_FAILOVER_… variables; refusing unknown keys must not refuse them. */
    @Test
    void passwordsFromTheEnvironmentAreBoundNotRefused() {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new java.util.HashMap<>(System.getenv());
        variables.putAll(Map.of("HOTLINE_FAILOVER_OPSPASSWORD", "ops-secret",
                "HOTLINE_FAILOVER_LEASE_WITNESSPASSWORD", "witness-secret",
                "HOTLINE_FAILOVER_PEERDATABASE_PASSWORD", "peer-secret"));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ControllerApplication.class)
                .environment(environment).properties(Map.of("spring.config.name", "controller"))
                .run("--server.port=0", "--hotline.failover.request-timeout=1s")) {
            ControllerProperties p = context.getBean(ControllerProperties.class);
            assertThat(p.opsPassword()).isEqualTo("ops-secret");
            assertThat(p.lease().witnessPassword()).isEqualTo("witness-secret");
            assertThat(p.peerDatabase().password()).isEqualTo("peer-secret");
        }
    }

    @Test
    void aControllerConfigFileLoadsForCtlWithTheEnvironmentOverIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("failover.yaml"), """
                hotline:
                  site: {id: b}
                  failover:
                    peer-site: a
                    app-url: http://hotline-site.hotline-b.svc:8080
                    lease: {store: kubernetes, namespace: hotline-witness}
                """);

        ControllerComponents loaded = ControllerComponents.load(file, Map.of("HOTLINE_FAILOVER_OPSPASSWORD", "ops-secret"));

        assertThat(loaded.site()).isEqualTo("b");
        assertThat(loaded.peerSite()).isEqualTo("a");
        assertThat(loaded.properties().opsPassword()).isEqualTo("ops-secret");
        assertThat(loaded.siteClient("b").baseUrl()).hasToString("http://hotline-site.hotline-b.svc:8080");
        assertThat(loaded.properties().lease().store()).isEqualTo("kubernetes");
    }

    @Test
    void aControllerConfigFileWithAnUnknownKeyIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("failover.yaml"), """
                hotline:
                  site: {id: b}
                  failover: {peer-site: a, lease: {stroe: kubernetes}}
                """);

        assertThatThrownBy(() -> ControllerComponents.load(file, Map.of()))
                .hasMessageContaining("hotline.failover.lease.stroe");
        assertThatThrownBy(() -> ControllerComponents.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("not found");
    }

    private static String rootMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
