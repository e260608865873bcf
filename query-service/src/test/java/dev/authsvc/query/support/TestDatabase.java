package dev.authsvc.query.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
        freshDatabase().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * Properties for a new, empty database; the H2 one outlives its connection pool, so a second application
     * context given the same properties finds the first one's data (a restart).
     */
    public static Map<String, Object> freshDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (postgres()) {
            String url = System.getenv(POSTGRES_URL_VARIABLE);
            String separator = url.contains("?") ? "&" : "?";
            properties.put("spring.datasource.url", url + separator + "currentSchema=" + name);
            properties.put("spring.flyway.default-schema", name);
            properties.put("spring.flyway.schemas", name);
            properties.put("spring.flyway.create-schemas", "true");
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        }
        return properties;
    }
}
