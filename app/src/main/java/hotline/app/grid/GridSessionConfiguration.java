package hotline.app.grid;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Agent sessions live in the cross-site grid (Spring Session's map repository over a Hazelcast map with a
 * backup at the other site), so an agent logged in at one site is still logged in after the switch.
 * Idle sessions expire by the map's max-idle setting as well as by Spring Session's own check.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class GridSessionConfiguration {

    @Bean
    QuietSessionRepository sessionRepository(HazelcastInstance hazelcast,
                                             @Value("${server.servlet.session.timeout:12h}") Duration timeout) {
        MapSessionRepository repository = new MapSessionRepository(
                hazelcast.<String, org.springframework.session.Session>getMap(GridConfiguration.SESSIONS_MAP));
        repository.setDefaultMaxInactiveInterval(timeout);
        return new QuietSessionRepository(repository, Duration.ofSeconds(60));
    }

    @Bean
    CookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name:HOTLINE_SESSION}") String name) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(name);
        serializer.setSameSite("Lax");
        serializer.setUseHttpOnlyCookie(true);
        return serializer;
    }

}
