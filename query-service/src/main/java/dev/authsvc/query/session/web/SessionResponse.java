package dev.authsvc.query.session.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.session.Sessions.LiveSession;
import java.time.Instant;

/**
 * One session that goes on, as {@code GET /me/sessions} and {@code GET /admin/users/{id}} show it.
 *
 * @param current in the caller's own list only: whether it is the session of the token that asked
 */
public record SessionResponse(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("method") String method,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("last_refresh_at") Instant lastRefreshAt,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("current") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean current) {

    public static SessionResponse of(LiveSession session) {
        return new SessionResponse(session.sessionId(), session.method(), session.startedAt(), session.lastRefreshAt(),
                session.clientAddress(), session.userAgent(), null);
    }

    static SessionResponse of(LiveSession session, String currentSessionId) {
        return new SessionResponse(session.sessionId(), session.method(), session.startedAt(), session.lastRefreshAt(),
                session.clientAddress(), session.userAgent(), session.sessionId().equals(currentSessionId));
    }
}
