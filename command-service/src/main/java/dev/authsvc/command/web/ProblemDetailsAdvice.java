package dev.authsvc.command.web;

import dev.authsvc.command.audit.application.UnknownUserException;
import dev.authsvc.command.config.BoundedPasswordEncoder.PasswordHashingBusyException;
import dev.authsvc.command.user.api.UserCommandRejectedException;
import dev.authsvc.web.BaseProblemDetailsAdvice;
import dev.authsvc.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The shared problem answers, plus command-service's own: its one way of refusing
 * ({@code UserCommandRejectedException}), a password hash that could not start in time (503), and an audit
 * question about a user with no history.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends BaseProblemDetailsAdvice {

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

    /** More password hashes were waiting than the cores could take in time: nothing was done, try again. */
    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> passwordHashingBusy(PasswordHashingBusyException e) {
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null, e.retryAfter());
    }

    @ExceptionHandler(UnknownUserException.class)
    ResponseEntity<ProblemDetail> unknownUser(UnknownUserException e) {
        return Problems.response(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }
}
