package hotline.failover.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code hotline controller}: one site's long-running failover controller (a small Spring Boot web app: the HA loop,
 * the peer endpoint, actuator health and Prometheus metrics). Configuration: {@code controller.yml} defaults
 * (site A of the local stack) overridden by the command line, the environment or {@code SPRING_CONFIG_ADDITIONALLOCATION}.
 */
@SpringBootApplication
public class ControllerApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ControllerApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "controller"));
        app.run(args);
    }
}
