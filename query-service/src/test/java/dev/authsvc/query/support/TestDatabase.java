package dev.authsvc.query.support;

import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a Spring test's data lives: PostgreSQL when {@code AUTH_TEST_POSTGRES_URL} is set (CI sets it), each
 * test context in a schema of its own that Flyway creates; otherwise a private in-memory H2 database.
 */
public final class TestDatabase {

    public static final String POSTGRES_URL_VARIABLE = "AUTH_TEST_POSTGRES_URL";

    private TestDatabase() {
    }

    public static boolean postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    public static void register(DynamicPropertyRegistry registry) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        if (postgres()) {
            String url = System.getenv(POSTGRES_URL_VARIABLE);
            String separator = url.contains("?") ? "&" : "?";
            registry.add("spring.datasource.url", () -> url + separator + "currentSchema=" + name);
            registry.add("spring.flyway.default-schema", () -> name);
            registry.add("spring.flyway.schemas", () -> name);
            registry.add("spring.flyway.create-schemas", () -> "true");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        }
    }
}
