package dev.authsvc.query.web;

import dev.authsvc.web.BaseProblemDetailsAdvice;
import dev.authsvc.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error as an RFC 9457 problem with an {@code error} sentence; bad input is a 4xx naming the field. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends BaseProblemDetailsAdvice {

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ResponseEntity<ProblemDetail> response = Problems.response(e.status(), e.getMessage(), e.field(), e.retryAfter());
        if (e.wwwAuthenticate() == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, e.wwwAuthenticate())
                .body(response.getBody());
    }
}
