package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A login attempt with a password. Answers a {@link LoginResult}. {@code check}, when present, is the bcrypt
 * verification already done outside the user's lock ({@link PasswordCheck}); without it the aggregate verifies.
 */
public record VerifyPasswordCommand(@TargetAggregateIdentifier String userId, Password password, String sessionId,
        PasswordCheck check) {

    public VerifyPasswordCommand(String userId, Password password, String sessionId) {
        this(userId, password, sessionId, null);
    }
}
