package dev.authsvc.query.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * An answer other than success that a handler decides on (401 wrong credentials, 429 locked, 503 a dependency
 * down): {@link ProblemDetailsAdvice} turns it into a problem with the sentence as {@code error}. The sentence
 * is shown to the client, so it never holds a secret. No stack trace: these are expected outcomes.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Duration retryAfter;
    private final String wwwAuthenticate;

    public ProblemException(HttpStatus status, String sentence) {
        this(status, sentence, null, null, null);
    }

    public ProblemException(HttpStatus status, String sentence, String field, Duration retryAfter,
            String wwwAuthenticate) {
        super(sentence, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code WWW-Authenticate} header to send with a 401, or null. */
    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
