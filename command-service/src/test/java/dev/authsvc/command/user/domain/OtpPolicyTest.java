package dev.authsvc.command.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtpPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final OtpPolicy policy = new OtpPolicy();

    @Test
    void firstSend_needsNoWait() {
        assertThat(policy.sendRetryAfter(List.of(), NOW)).isEmpty();
    }

    @Test
    void retryAfter_isTheLongerOfCooldownAndHourlyCap() {
        List<Instant> sends = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2000), NOW.minusSeconds(1000),
                NOW.minusSeconds(500), NOW.minusSeconds(10));
        // the cooldown alone would say 20 s; the oldest send leaves the hour in 600 s
        assertThat(policy.sendRetryAfter(sends, NOW)).contains(Duration.ofSeconds(600));
    }

    @Test
    void sendsOlderThanAnHour_doNotCount() {
        List<Instant> sends = List.of(NOW.minusSeconds(7200), NOW.minusSeconds(3600), NOW.minusSeconds(2000),
                NOW.minusSeconds(1000), NOW.minusSeconds(500), NOW.minusSeconds(100));
        assertThat(policy.sendRetryAfter(sends, NOW)).isEmpty();
    }

    @Test
    void codesAreComparedWholly() {
        assertThat(policy.matches("abc123", "abc123")).isTrue();
        assertThat(policy.matches("abc123", "abc124")).isFalse();
        assertThat(policy.matches("abc123", "abc12")).isFalse();
        assertThat(policy.matches("abc123", null)).isFalse();
    }
}
