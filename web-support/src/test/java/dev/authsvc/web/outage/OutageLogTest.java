package dev.authsvc.web.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class OutageLogTest {

    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    final OutageLog outage = new OutageLog("database", Duration.ofMinutes(1), () -> now);

    @Test
    void anOutageOfThreeMinutesWithAFailureASecond_isFourLines(CapturedOutput output) {
        for (int second = 0; second < 180; second++) {
            outage.failed("ConnectException: Connection refused");
            now = now.plusSeconds(1);
        }
        outage.succeeded();
        outage.succeeded();

        assertThat(output.getOut().lines().filter(line -> line.contains("database"))).hasSize(4);
        assertThat(output.getOut()).contains("database unreachable: ConnectException: Connection refused")
                .contains("database still unreachable after 60 s, 60 failures in the last 60 s")
                .contains("database still unreachable after 120 s")
                .contains("database reachable again after 180 s");
        assertThat(outage.down()).isFalse();
    }

    @Test
    void successesWithoutAnOutage_logNothing(CapturedOutput output) {
        outage.succeeded();

        assertThat(output.getOut()).doesNotContain("database");
        assertThat(outage.down()).isFalse();
    }
}
