package hotline.app.kpi;

import hotline.app.kpi.model.Kpi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class KpiPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KpiProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsAreTheContractTargets() {
        runner.run(context -> {
            KpiProperties p = context.getBean(KpiProperties.class);
            assertThat(p.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(p.targetMap().get(Kpi.SATISFACTION).percent()).isEqualByComparingTo("90");
            assertThat(p.targetMap().get(Kpi.QA_SCORE).percent()).isEqualByComparingTo("95");
            assertThat(p.targetMap().get(Kpi.STAFF_ATTRITION).percent()).isEqualByComparingTo("20");
            assertThat(p.targetMap().get(Kpi.ANSWER_RATE).percent()).isEqualByComparingTo("100");
        });
    }

    @Test
    void refusesToStartWithEveryOutOfRangeTargetNamed() {
        runner.withPropertyValues("hotline.kpi.targets.satisfaction=120", "hotline.kpi.targets.qa-score=-1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = rootMessages(context.getStartupFailure());
                    assertThat(message).contains("targets.satisfaction", "targets.qaScore");
                });
    }

    private static String rootMessages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c.getMessage()).append('\n');
        }
        return s.toString();
    }
}
