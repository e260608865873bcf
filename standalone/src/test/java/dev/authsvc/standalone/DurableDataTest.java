package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone stack's H2 files write every commit at once, so a service killed right after acknowledging an
 * event loses nothing (QueryServiceKillIT once saw a row 7 events behind with H2's default 500 ms write delay).
 */
class DurableDataTest {

    @TempDir
    Path data;

    @Test
    void everyServiceDatabase_writesEachCommitToItsFileAtOnce() throws Exception {
        Map<String, String> environment = StandaloneStack.environment(
                StandaloneConfig.fromEnvironment(Map.of("AUTH_DATA_DIR", data.toString())));

        for (String url : new String[] {"COMMAND_DB_URL", "QUERY_DB_URL", "NOTIFIER_DB_URL"}) {
            assertThat(environment.get(url)).as(url).startsWith("jdbc:h2:file:" + data).endsWith(";WRITE_DELAY=0");
        }
    }
}
