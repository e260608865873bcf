package dev.authsvc.web.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What the group commit promises, under a real fault: a process writing to an H2 file database is killed
 * ({@code SIGKILL}, nothing flushed on the way out) while eight threads commit, and every row whose commit had
 * returned is in the file when it is opened again. The same writer with Spring's plain transaction manager loses
 * them (H2 had kept them in memory, its write delay a minute long): that is what the group commit is for.
 */
class GroupCommitDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyCommitThatReturnedSurvivesTheProcessBeingKilled() throws Exception {
        Set<Long> answered = writeThenKill("group-commit", 2_000);

        Set<Long> stored = storedIds();
        assertThat(stored).containsAll(answered);
    }

    @Test
    void withoutTheGroupCommitTheSameKillLosesCommitsThatReturned() throws Exception {
        Set<Long> answered = writeThenKill("plain", 2_000);

        Set<Long> lost = new HashSet<>(answered);
        lost.removeAll(storedIds());
        assertThat(lost).isNotEmpty();
    }

    /** Runs the writer until it has reported {@code atLeast} commits, kills it, returns every id it reported. */
    private Set<Long> writeThenKill(String mode, int atLeast) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                GroupCommitWriter.class.getName(), dir.resolve("db").toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Set<Long> answered = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (answered.size() < atLeast && (line = lines.readLine()) != null) {
                answered.add(Long.parseLong(line.trim()));
            }
            // What it printed after the last line read was answered too, but is not checked: the kill closes the pipe.
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(answered).hasSizeGreaterThanOrEqualTo(atLeast);
        return answered;
    }

    private Set<Long> storedIds() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + dir.resolve("db"));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<Long> ids = jdbc.sql("SELECT id FROM answered").query(Long.class).list();
        jdbc.sql("SHUTDOWN").update();
        return new HashSet<>(ids);
    }
}
