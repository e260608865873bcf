package dev.authsvc.query.token.access;

import dev.authsvc.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** No access token, or one that is forged, expired, misaddressed or of an ended session: answered 401. */
public class InvalidAccessTokenException extends ProblemException {

    static final String SENTENCE = "A valid access token is required.";

    private InvalidAccessTokenException(String wwwAuthenticate) {
        super(HttpStatus.UNAUTHORIZED, SENTENCE, null, null, wwwAuthenticate);
    }

    /** No bearer token was sent. */
    public static InvalidAccessTokenException missing() {
        return new InvalidAccessTokenException("Bearer");
    }

    /** A token was sent and refused (RFC 6750 {@code invalid_token}). */
    public static InvalidAccessTokenException invalid() {
        return new InvalidAccessTokenException("Bearer error=\"invalid_token\"");
    }
}
