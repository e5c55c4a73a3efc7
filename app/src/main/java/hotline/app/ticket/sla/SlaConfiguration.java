package hotline.app.ticket.sla;

import hotline.app.ticket.sla.model.SlaPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    @Bean
    SlaPolicy slaPolicy(SlaProperties properties) {
        return properties.toPolicy();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
