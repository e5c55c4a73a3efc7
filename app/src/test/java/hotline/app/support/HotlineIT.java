package hotline.app.support;

import hotline.testsupport.TestDatabase;
import hotline.testsupport.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole app on a random port, on a real PostgreSQL (embedded by
 * default, a Testcontainers PostgreSQL with {@code -Dhotline.test.database=testcontainers}), a fresh
 * database per Spring context, with the demo data (departments, accounts, knowledge base). Test classes
 * with the same configuration share the cached context and so the database: a test leaves seats and
 * queues as it found them and never counts on an empty table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
public abstract class HotlineIT {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    protected ApiClient lead;
    protected ApiClient agent;

    /** With {@code -Dhotline.test.database=testcontainers} and no Docker engine, skip cleanly instead of failing. */
    @BeforeAll
    static void requireDatabase() {
        boolean containers = "testcontainers".equalsIgnoreCase(System.getProperty(TestDatabases.KIND_PROPERTY, "embedded"));
        Assumptions.assumeTrue(!containers || TestDatabases.dockerAvailable(),
                "PostgreSQL through Testcontainers needs a Docker engine; none here");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase db = TestDatabases.newDatabase();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    @BeforeEach
    void clients() {
        lead = as("lead");
        agent = as("agent1");
    }

    protected ApiClient as(String username) {
        return as(username, "demo");
    }

    protected ApiClient as(String username, String password) {
        return new ApiClient("http://localhost:" + port, username, password, json);
    }

    protected ApiClient anonymous() {
        return new ApiClient("http://localhost:" + port, null, null, json);
    }
}
