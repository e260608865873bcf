package dev.authsvc.command.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details as this service answers them: {@code title} from the status, {@code detail} and an
 * {@code error} member with the same short sentence (the seed's clients read {@code error}), and
 * {@code field} when one request field is at fault. Sentences never hold a secret or a full email/phone.
 */
public final class Problems {

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
