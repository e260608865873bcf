package dev.authsvc.query.support;

import dev.authsvc.query.event.UserEventHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A handler of the shared test context that throws while applying the events of the users a test names
 * ({@link #failTimes}), as a database that is briefly away would; inert for every other user. Part of the shared
 * context, not a context of its own: a second context would start a second broker and point
 * {@code spring.kafka.bootstrap-servers} at it for the tests that come after.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingEventHandler {

    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    /** The next {@code times} events of {@code userId} to reach the handlers fail. */
    public static void failTimes(String userId, int times) {
        FAILURES_LEFT.put(userId, new AtomicInteger(times));
    }

    /** How many of the failures asked for are still to come. */
    public static int failuresLeft(String userId) {
        AtomicInteger left = FAILURES_LEFT.get(userId);
        return left == null ? 0 : left.get();
    }

    @Bean
    UserEventHandler failingForNamedUsers() {
        return event -> {
            AtomicInteger left = FAILURES_LEFT.get(event.userId());
            if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the database is away (test)");
            }
        };
    }
}
