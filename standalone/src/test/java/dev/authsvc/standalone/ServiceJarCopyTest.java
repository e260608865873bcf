package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher copies a service jar out only when the copy on disk is missing or differs, compared a buffer at a time. */
class ServiceJarCopyTest {

    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void missingCopy_isWritten() throws Exception {
        Path source = write("source.jar", bytes(200_000, 1));
        Path target = dir.resolve("lib.jar");

        ServiceProcess.copyIfChanged(source.toUri().toURL(), target);

        assertThat(target).hasSameBinaryContentAs(source);
        assertThat(dir.resolve("lib.jar.tmp")).doesNotExist();
    }

    @Test
    void sameBytes_leaveTheCopyAlone() throws Exception {
        Path source = write("source.jar", bytes(200_000, 1));
        Path target = write("lib.jar", bytes(200_000, 1));
        Files.setLastModifiedTime(target, FileTime.from(LONG_AGO));

        ServiceProcess.copyIfChanged(source.toUri().toURL(), target);

        assertThat(Files.getLastModifiedTime(target).toInstant()).isEqualTo(LONG_AGO);
    }

    @Test
    void oneByteChangedPastTheFirstBuffer_replacesTheCopy() throws Exception {
        byte[] rebuilt = bytes(200_000, 1);
        rebuilt[150_000] ^= 1;
        Path source = write("source.jar", rebuilt);
        Path target = write("lib.jar", bytes(200_000, 1));

        ServiceProcess.copyIfChanged(source.toUri().toURL(), target);

        assertThat(target).hasSameBinaryContentAs(source);
    }

    @Test
    void longerOrShorterCopy_isReplaced() throws Exception {
        Path source = write("source.jar", bytes(65_536, 1));
        Path longer = write("longer.jar", bytes(65_537, 1));
        Path shorter = write("shorter.jar", bytes(65_535, 1));

        ServiceProcess.copyIfChanged(source.toUri().toURL(), longer);
        ServiceProcess.copyIfChanged(source.toUri().toURL(), shorter);

        assertThat(longer).hasSameBinaryContentAs(source);
        assertThat(shorter).hasSameBinaryContentAs(source);
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        for (int i = 0; i < length; i += 97) {
            bytes[i] = (byte) (i / 97);
        }
        return bytes;
    }
}
