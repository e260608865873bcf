package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone stack's H2 files lose nothing a service acknowledged when it is killed (QueryServiceKillIT once
 * saw a row 7 events behind with H2's default 500 ms write delay): the notifier's writes every commit at once;
 * command-service's and query-service's commit through the group commit, which writes each transaction before its
 * commit returns (web-support's GroupCommitDurabilityTest), and H2 writes anything else within 100 ms.
 */
class DurableDataTest {

    @TempDir
    Path data;

    @Test
    void everyServiceDatabase_writesWhatItAcknowledgesBeforeItAnswers() throws Exception {
        Map<String, String> environment = StandaloneStack.environment(
                StandaloneConfig.fromEnvironment(Map.of("AUTH_DATA_DIR", data.toString())));

        assertThat(environment.get("COMMAND_DB_URL")).startsWith("jdbc:h2:file:" + data).contains(";WRITE_DELAY=100;");
        assertThat(environment.get("QUERY_DB_URL")).startsWith("jdbc:h2:file:" + data).endsWith(";WRITE_DELAY=100");
        assertThat(environment.get("NOTIFIER_DB_URL")).startsWith("jdbc:h2:file:" + data).endsWith(";WRITE_DELAY=0");
    }

    @Test
    void commandServicesDatabase_keepsA4MbPageCache_andH2TakesIt() throws Exception {
        String url = StandaloneStack.environment(StandaloneConfig.fromEnvironment(Map.of("AUTH_DATA_DIR",
                data.toString()))).get("COMMAND_DB_URL");

        assertThat(url).endsWith(";CACHE_SIZE=4096");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet setting = connection.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("4096");
        }
    }
}
