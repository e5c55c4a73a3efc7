package hotline.app.drill;

import hotline.app.replication.ChangeApplier;
import hotline.app.support.HotlineIT;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Chaos Monkey is on the class path of every site, but without its profile it creates nothing and proxies nothing. */
class NoChaosWithoutProfileIT extends HotlineIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeApplier applier;

    @Test
    void withoutTheProfileThereIsNoChaosMonkeyBeanAndTheApplyPathIsNotProxied() {
        assertThat(Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getType(name))
                .filter(type -> type != null && type.getName().startsWith("de.codecentric"))
                .toList()).isEmpty();
        assertThat(AopUtils.isAopProxy(applier)).isFalse();
        assertThat(as("ops").get("/actuator/chaosmonkey").status()).isEqualTo(404);
    }
}
