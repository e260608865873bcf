package dev.authsvc.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.authsvc.query.support.QueryServiceTestSupport;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Errors are RFC 9457 problems with an {@code error} sentence; bad input is never a 500. */
class ProblemDetailsIT extends QueryServiceTestSupport {

    @Test
    void aBodyOver64KiB_is413() {
        String big = "{\"phone_number\": \"" + "1".repeat(70 * 1024) + "\", \"otp\": \"123456\"}";

        Response response = post("/login", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("error")).isNotBlank();
    }

    @Test
    void unknownPathsAndMethods_areProblemsWithAnErrorSentence() {
        Response notFound = get("/no-such-thing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.text("error")).isNotBlank();

        Response wrongMethod = get("/login");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text("error")).isNotBlank();

        Response wrongMediaType = send(request("/login").setHeader("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(wrongMediaType.status()).isEqualTo(415);
        assertThat(wrongMediaType.text("error")).isNotBlank();
    }

    @Test
    void badInputAnywhere_isA4xx() {
        assertThat(post("/token/refresh", "[]").status()).isEqualTo(400);
        assertThat(post("/token/refresh", "{\"refresh_token\": [1, 2]}").text("field")).isEqualTo("refresh_token");
        assertThat(post("/logout", "{\"refresh_token\": {}}").status()).isEqualTo(400);
        assertThat(post("/login", "null").status()).isEqualTo(400);
        assertThat(get("/me", "a.b.c").status()).isEqualTo(401);
        // Health includes the event consumer's readiness, UP once it has its partitions (moments after the start).
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").status() == 200);
    }
}
