package dev.authsvc.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details as this service answers them: {@code title} from the status, {@code detail} and an
 * {@code error} member with the same short sentence (the seed's clients read {@code error}), and
 * {@code field} when one request field is at fault. Sentences never hold a secret or a full email/phone.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String sentence, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, sentence);
        problem.setProperty("error", sentence);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /**
     * Writes a problem straight to the servlet response, for filters that answer before Spring MVC (whose
     * message converters know how to flatten {@link ProblemDetail}) is reached.
     */
    public static void write(HttpServletResponse response, HttpStatus status, String sentence) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json(status, sentence).getBytes(StandardCharsets.UTF_8));
    }

    /** The problem as JSON text, for answers written outside Spring MVC. */
    static String json(HttpStatus status, String sentence) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", sentence);
        body.put("error", sentence);
        return JSON.writeValueAsString(body);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String sentence, String field) {
        return response(status, sentence, field, null);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String sentence, String field,
            Duration retryAfter) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return builder.body(problem(status, sentence, field));
    }
}
