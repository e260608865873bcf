package dev.authsvc.command.web;

import dev.authsvc.command.audit.application.UnknownUserException;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.command.user.infrastructure.ValueTakenException;
import dev.authsvc.web.BaseProblemDetailsAdvice;
import dev.authsvc.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The shared problem answers, plus command-service's own: a taken email or phone, a refused command, an audit
 * question about a user with no history.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends BaseProblemDetailsAdvice {

    @ExceptionHandler(ValueTakenException.class)
    ResponseEntity<ProblemDetail> taken(ValueTakenException e) {
        String field = switch (e.kind()) {
            case EMAIL -> "email";
            case PHONE -> "phone_number";
            default -> null;
        };
        String what = field == null ? "This value" : "This " + field.replace('_', ' ');
        return Problems.response(HttpStatus.CONFLICT, what + " is already registered.", field);
    }

    @ExceptionHandler(UserCommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(UserCommandRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID, INVALID_TOKEN -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case REAUTHENTICATION_REQUIRED -> HttpStatus.FORBIDDEN;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return Problems.response(status, e.getMessage(), e.field(), e.retryAfter());
    }

    @ExceptionHandler(UnknownUserException.class)
    ResponseEntity<ProblemDetail> unknownUser(UnknownUserException e) {
        return Problems.response(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }
}
