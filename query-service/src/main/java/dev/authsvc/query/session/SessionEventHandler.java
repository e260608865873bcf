package dev.authsvc.query.session;

import dev.authsvc.events.UserEventEnvelope;
import dev.authsvc.events.data.PasswordResetCompletedData;
import dev.authsvc.events.data.SessionsRevokedData;
import dev.authsvc.events.data.UserDisabledData;
import dev.authsvc.query.event.UserEventHandler;
import dev.authsvc.query.token.access.VerifiedTokenCache;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends refresh-token families when the command side ends sessions: {@code SessionsRevoked} ends the listed
 * sessions of the user, and with reason {@code password_reset} every session of the user that logged in before
 * it; {@code PasswordResetCompleted} does the same, and {@code UserDisabled} (reason {@code admin}). Logins after the event are untouched, so a redelivered
 * event cannot end a session that started later.
 */
@Component
class SessionEventHandler implements UserEventHandler {

    static final String PASSWORD_RESET = "password_reset";

    private static final Logger log = LoggerFactory.getLogger(SessionEventHandler.class);

    private final RefreshTokenRepository repository;
    private final VerifiedTokenCache verifiedTokens;

    SessionEventHandler(RefreshTokenRepository repository, VerifiedTokenCache verifiedTokens) {
        this.repository = repository;
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public void on(UserEventEnvelope event) {
        int ended = 0;
        if (event.data() instanceof SessionsRevokedData revoked) {
            String reason = revoked.reason() == null || revoked.reason().isBlank() ? "sessions_revoked" : revoked.reason();
            List<String> ids = revoked.sessionIds() == null ? List.of() : revoked.sessionIds();
            ended += repository.revokeSessions(event.userId(), ids, event.occurredAt(), reason);
            ids.forEach(verifiedTokens::forgetSession);
            if (PASSWORD_RESET.equals(reason)) {
                ended += repository.revokeSessionsAuthenticatedBy(event.userId(), event.occurredAt(),
                        event.occurredAt(), reason);
                verifiedTokens.forgetUser(event.userId());
            }
        } else if (event.data() instanceof PasswordResetCompletedData) {
            ended += repository.revokeSessionsAuthenticatedBy(event.userId(), event.occurredAt(), event.occurredAt(),
                    PASSWORD_RESET);
            verifiedTokens.forgetUser(event.userId());
        } else if (event.data() instanceof UserDisabledData) {
            ended += disabled(event);
            verifiedTokens.forgetUser(event.userId());
        }
        if (ended > 0) {
            log.info("{} of user {}: {} session(s) ended", event.type(), event.userId(), ended);
        }
    }

    /**
     * A disabled user's sessions end at once, without waiting for the {@code SessionsRevoked} that follows (the
     * command side lists only the sessions it knew as live).
     */
    private int disabled(UserEventEnvelope event) {
        return repository.revokeSessionsAuthenticatedBy(event.userId(), event.occurredAt(), event.occurredAt(),
                Sessions.DISABLED);
    }
}
