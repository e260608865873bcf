package dev.authsvc.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}) as a problem, in place of Spring Boot's
 * {@code BasicErrorController} and its {@code {"timestamp": ..., "error": "Request Timeout"}} body. Tomcat sends a
 * request there when it answers an error itself after the request reached the application: a client whose body
 * stops arriving midway gets 408 once the read timeout passes, whatever the handler reading the body makes of it.
 * Installed in every service and the gateway by {@link ProblemErrorAutoConfiguration}. The sentence depends on the
 * status only: nothing of the exception, whose message may quote what the client sent.
 */
@Hidden
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    static final String STALLED = "The request body did not arrive in time.";
    static final String MALFORMED = "The request is malformed.";
    static final String UNEXPECTED = "Something went wrong on our side.";

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        return Problems.response(status, sentence(status), null);
    }

    static String sentence(HttpStatus status) {
        return switch (status) {
            case REQUEST_TIMEOUT -> STALLED;
            case BAD_REQUEST -> MALFORMED;
            case INTERNAL_SERVER_ERROR -> UNEXPECTED;
            default -> status.getReasonPhrase() + ".";
        };
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        // Not an error dispatch (someone asked for /error), or a status that is no error: nothing to report but that.
        return status != null && status.isError() ? status : HttpStatus.NOT_FOUND;
    }
}
