package dev.authsvc.query.session;

import dev.authsvc.query.token.access.AccessTokenClaims;
import dev.authsvc.query.token.access.AccessTokenVerifier;
import dev.authsvc.query.token.access.InvalidAccessTokenException;
import dev.authsvc.query.user.UserView;
import dev.authsvc.query.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who calls a path that takes an access token: a verified token ({@link AccessTokenVerifier}) of a session that
 * goes on, of a user who is not disabled ({@link Sessions#active}), else 401. Every such path of this service
 * asks here, so a logout, a revocation or a disable refuses the token on all of them at once.
 */
@Component
public class Callers {

    public static final String ADMIN = "admin";
    static final String ADMINS_ONLY = "Only an admin may do this.";

    private final AccessTokenVerifier verifier;
    private final Sessions sessions;

    Callers(AccessTokenVerifier verifier, Sessions sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    /** The claims of the bearer token in {@code authorization}, if its session goes on; 401 otherwise. */
    public AccessTokenClaims live(String authorization) {
        return caller(authorization).claims();
    }

    /** As {@link #live}, with the caller's row in user_view, read in the same query as the session. */
    public Sessions.ActiveSession caller(String authorization) {
        AccessTokenClaims claims = verifier.verifyBearer(authorization);
        return sessions.active(claims).orElseThrow(InvalidAccessTokenException::invalid);
    }

    /**
     * As {@link #live}, for an admin: the token says {@code role: admin}, and so does user_view when it has the
     * user (so a demoted admin's tokens stop working at once, not at their expiry); 403 otherwise.
     */
    public AccessTokenClaims admin(String authorization) {
        Sessions.ActiveSession caller = caller(authorization);
        AccessTokenClaims claims = caller.claims();
        boolean stillAdmin = caller.user().map(UserView::role).map(ADMIN::equals).orElse(true);
        if (!ADMIN.equals(claims.role()) || !stillAdmin) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ADMINS_ONLY);
        }
        return claims;
    }
}
