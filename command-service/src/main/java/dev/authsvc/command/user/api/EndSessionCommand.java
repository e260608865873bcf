package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends one session on query-service's word: {@code reason} is {@link #LOGOUT} (the user logged out),
 * {@link #REFRESH_TOKEN_REUSE} (a used refresh token of the session was presented again, so it was copied) or
 * {@link #USER} (the user ended one of their own sessions, {@code DELETE /me/sessions/{sid}}). An ended or unknown
 * session is no change.
 */
public record EndSessionCommand(@TargetAggregateIdentifier String userId, String sessionId, String reason) {

    public static final String LOGOUT = "logout";
    public static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";
    public static final String USER = "user";

    /** A logout. */
    public EndSessionCommand(String userId, String sessionId) {
        this(userId, sessionId, LOGOUT);
    }

    public EndSessionCommand {
        if (reason == null) {
            reason = LOGOUT;
        } else if (!reason.equals(LOGOUT) && !reason.equals(REFRESH_TOKEN_REUSE) && !reason.equals(USER)) {
            throw new IllegalArgumentException("a session ends by " + LOGOUT + ", " + REFRESH_TOKEN_REUSE + " or "
                    + USER + ", not " + reason);
        }
    }
}
