package dev.authsvc.gateway.web;

import dev.authsvc.web.BaseProblemDetailsAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The gateway's own errors (an unknown path, a method a path is not routed for) as the services answer theirs:
 * RFC 9457 problems with an {@code error} sentence. What a service answers is passed on untouched.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends BaseProblemDetailsAdvice {
}
