package dev.authsvc.web;

import dev.authsvc.web.outage.OutageLog;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error as an RFC 9457 problem with an {@code error} sentence; bad input is a 4xx naming the field, never
 * a 500. Each service's {@code @RestControllerAdvice} extends this and adds the exceptions of its own domain.
 */
public abstract class BaseProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseProblemDetailsAdvice.class);
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(InvalidFieldException.class)
    protected ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MismatchedInputException mismatch = Causes.find(e, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch.getPath());
            return withHeaders(Problems.response(HttpStatus.BAD_REQUEST,
                    "Field '" + field + "' has the wrong type or format.", field));
        }
        if (mismatch != null) {
            // Valid JSON, but an array, a string, a number where the object should be.
            return withHeaders(Problems.response(HttpStatus.BAD_REQUEST, "The request body must be a JSON object.", null));
        }
        if (Causes.has(e, StreamConstraintsException.class)) {
            // Past the parser's limits (a number of over 1000 digits, say), found before the field is known.
            return withHeaders(Problems.response(HttpStatus.BAD_REQUEST,
                    "The request body holds a value longer or larger than allowed.", null));
        }
        if (Causes.has(e, JacksonException.class)) {
            return withHeaders(Problems.response(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.", null));
        }
        return withHeaders(Problems.response(HttpStatus.BAD_REQUEST, "The request body is missing or unreadable.", null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors();
        if (errors.isEmpty()) {
            return withHeaders(Problems.response(HttpStatus.BAD_REQUEST, "The request is not valid.", null));
        }
        FieldError first = errors.get(0);
        String field = snakeCase(first.getField());
        String sentence = errors.stream()
                .map(error -> "'" + snakeCase(error.getField()) + "' " + error.getDefaultMessage())
                .distinct()
                .collect(Collectors.joining("; ")) + ".";
        return withHeaders(Problems.response(HttpStatus.BAD_REQUEST, sentence, field));
    }

    /** Gives the framework's own problems (405, 415, 404...) the {@code error} member too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("error"))) {
            problem.setProperty("error", problem.getDetail() != null ? problem.getDetail() : problem.getTitle());
        }
        return response;
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnreachable(e)) {
            // Not a fault of ours or the client's: a part we depend on is down; the client may try again.
            OutageLog.of("database").failed("answered 503: " + causeTypes(e));
            return Problems.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is temporarily unavailable; try again shortly.", null, DATABASE_RETRY_AFTER);
        }
        // Types and place only: a lower layer's message may quote a statement's values (a password hash, say).
        log.error("Unexpected error: {} at {}", causeTypes(e), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.", null);
    }

    protected static ResponseEntity<Object> withHeaders(ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    protected static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String causeTypes(Throwable e) {
        StringBuilder types = new StringBuilder(e.getClass().getName());
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            types.append(" <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                types.append(" (SQLSTATE ").append(sql.getSQLState()).append(')');
            }
        }
        return types.toString();
    }

    /**
     * Whether a database connection could not be had or was lost: a JDBC connection error (SQLSTATE class 08, or
     * the driver's or the pool's transient connection exception) anywhere in the causes, whatever wraps it
     * (Spring's transaction and data-access exceptions, Axon's command execution), including the statement's
     * failure that a failed rollback on the broken connection hides.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            Throwable hidden = TRANSACTIONS ? Rollbacks.originalException(t) : null;
            if (hidden != null && hidden != t && databaseUnreachable(hidden)) {
                return true;
            }
        }
        return false;
    }

    private static final boolean TRANSACTIONS =
            ClassUtils.isPresent("org.springframework.transaction.TransactionSystemException", null);

    /** Loaded only where Spring's transactions are on the class path (not in the gateway). */
    private static final class Rollbacks {

        static Throwable originalException(Throwable t) {
            return t instanceof TransactionSystemException failedRollback ? failedRollback.getApplicationException() : null;
        }
    }
}
