package dev.authsvc.testsupport;

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

    /** A name no other test context uses: a PostgreSQL schema or an H2 database. */
    public static String newName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** Gives the test context a new, empty database. */
    public static void register(DynamicPropertyRegistry registry) {
        properties(newName()).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * The properties of database {@code name}. The H2 one outlives its connection pool, so two application
     * contexts given the same name share the data (a restart).
     */
    public static Map<String, String> properties(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
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

    /** The properties of a new, empty database, typed for Spring's property maps. */
    public static Map<String, Object> freshDatabase() {
        return new LinkedHashMap<>(properties(newName()));
    }
}
