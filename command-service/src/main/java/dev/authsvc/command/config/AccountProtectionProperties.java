package dev.authsvc.command.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code auth.account.*} settings of who may log in and how failed logins of unknown identifiers are
 * remembered (docs/configuration.md).
 *
 * @param requireVerifiedEmail whether a password login needs a verified email ({@code AUTH_LOGIN_REQUIRE_VERIFIED_EMAIL});
 *     off, tokens of an unverified account say {@code email_verified: false}
 * @param unknownLockoutCapacity at most this many unknown emails and phone numbers have their failed logins
 *     remembered ({@code AUTH_LOCKOUT_UNKNOWN_CAPACITY}); the least recently failed are forgotten first
 * @param unknownLockoutRetention an unknown identifier's failures are forgotten this long after its last failed
 *     login ({@code AUTH_LOCKOUT_UNKNOWN_RETENTION})
 */
@ConfigurationProperties("auth.account")
public record AccountProtectionProperties(
        @DefaultValue("false") boolean requireVerifiedEmail,
        @DefaultValue("100000") int unknownLockoutCapacity,
        @DefaultValue("30d") Duration unknownLockoutRetention) {
}
