package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Full JIT where the hot paths are cryptography, C1 where they are framework code; STANDALONE_JAVA_OPTS rules all. */
class JavaOptionsTest {

    @Test
    void byDefault_theCryptographicServicesGetFullJit_andTheGatewayAndNotifierC1() {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of());

        assertThat(config.javaOptions("command-service")).isEqualTo(StandaloneConfig.DEFAULT_JAVA_OPTIONS)
                .doesNotContain("TieredStopAtLevel");
        assertThat(config.javaOptions("query-service")).isEqualTo(StandaloneConfig.DEFAULT_JAVA_OPTIONS);
        assertThat(config.javaOptions("gateway")).isEqualTo(StandaloneConfig.QUICK_START_JAVA_OPTIONS)
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(config.javaOptions("notifier")).isEqualTo(StandaloneConfig.QUICK_START_JAVA_OPTIONS);
    }

    @Test
    void standaloneJavaOpts_isEveryServicesOptions() {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(Map.of("STANDALONE_JAVA_OPTS", "-Xmx512m"));

        for (String service : new String[] {"command-service", "query-service", "gateway", "notifier"}) {
            assertThat(config.javaOptions(service)).isEqualTo("-Xmx512m");
        }
    }
}
