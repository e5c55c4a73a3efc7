package hotline.testsupport;

/** A fresh, empty PostgreSQL database for one test (class): point the app's datasource at it. */
public record TestDatabase(String jdbcUrl, String username, String password) {
}
