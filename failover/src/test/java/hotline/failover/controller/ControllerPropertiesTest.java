package hotline.failover.controller;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

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

    private static String rootMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
