package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends one session on query-service's word: {@code reason} is {@link #LOGOUT} (the user logged out) or
 * {@link #REFRESH_TOKEN_REUSE} (a used refresh token of the session was presented again, so it was copied). An ended
 * or unknown session is no change.
 */
public record EndSessionCommand(@TargetAggregateIdentifier String userId, String sessionId, String reason) {

    public static final String LOGOUT = "logout";
    public static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";

    /** A logout. */
    public EndSessionCommand(String userId, String sessionId) {
        this(userId, sessionId, LOGOUT);
    }

    public EndSessionCommand {
        if (reason == null) {
            reason = LOGOUT;
        } else if (!reason.equals(LOGOUT) && !reason.equals(REFRESH_TOKEN_REUSE)) {
            throw new IllegalArgumentException("a session ends by " + LOGOUT + " or " + REFRESH_TOKEN_REUSE
                    + ", not " + reason);
        }
    }
}
