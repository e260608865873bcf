package dev.authsvc.command.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A login attempt with a code. {@code codeHash} is the HMAC of what the user typed; {@code sessionId} names the
 * session that starts if it matches. Answers a {@link LoginResult}; it never throws for a wrong code, because
 * the failure must be recorded as events.
 */
public record VerifyOtpCommand(@TargetAggregateIdentifier String userId, String codeHash, String sessionId) {
}
