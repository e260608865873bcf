package dev.authsvc.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integration test because it extracts the gateway jar the package phase puts under {@code services/}.
 * The launcher runs each service from its extracted jar with a class-data-sharing archive per Java version: written
 * at the JVM's exit when there is none, mapped at every later start, dropped with the extraction of an older jar.
 */
class ClassDataSharingIT {

    private static final String[] AGENT_ALLOWED = {
        "-XX:+UnlockDiagnosticVMOptions", "-XX:+AllowArchivingWithJavaAgent"};

    private static final List<String> OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    @TempDir
    Path lib;

    private final List<String> said = new ArrayList<>();

    @Test
    void aServiceJar_isExtractedOnce_andAgainWhenItChanges_droppingTheOldArchives() throws Exception {
        Path jar = lib.resolve("gateway.jar");
        try (InputStream embedded = ClassDataSharingIT.class.getResourceAsStream("/services/gateway.jar")) {
            assertThat(embedded).as("the gateway jar the launcher carries").isNotNull();
            Files.copy(embedded, jar);
        }

        Path extracted = ClassDataSharing.extracted(jar, ServiceProcess.Spec.java(), said::add);

        assertThat(extracted).isEqualTo(lib.resolve("gateway").resolve("gateway.jar")).exists();
        assertThat(lib.resolve("gateway").resolve("lib")).isDirectoryContaining("glob:**/spring-core-*.jar");
        Path archive = Files.writeString(lib.resolve("gateway").resolve("gateway-17.jsa"), "an archive");
        FileTime extractedAt = Files.getLastModifiedTime(extracted);

        assertThat(ClassDataSharing.extracted(jar, ServiceProcess.Spec.java(), said::add)).isEqualTo(extracted);
        assertThat(Files.getLastModifiedTime(extracted)).isEqualTo(extractedAt);
        assertThat(archive).exists();

        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(ClassDataSharing.extracted(jar, ServiceProcess.Spec.java(), said::add)).isEqualTo(extracted);
        assertThat(extracted).exists();
        assertThat(archive).doesNotExist();
        assertThat(said).isEmpty();
    }

    @Test
    void aJarThatCannotBeExtracted_runsAsItIs() throws Exception {
        Path jar = Files.writeString(lib.resolve("notifier.jar"), "not a jar");

        assertThat(ClassDataSharing.extracted(jar, ServiceProcess.Spec.java(), said::add)).isEqualTo(jar);
        assertThat(ClassDataSharing.options(jar, Runtime.Version.parse("17.0.15"), OPTIONS)).isEmpty();
        assertThat(said).singleElement().asString().contains("notifier.jar", "runs as it is");
        assertThat(lib.resolve("notifier")).doesNotExist();
    }

    @Test
    void onJava17_theArchiveIsWrittenAtExitWhenMissing_andMappedOnceItExists() throws Exception {
        Path extracted = extractedLayout("query-service");
        Runtime.Version java17 = Runtime.Version.parse("17.0.15");
        Path archive = lib.resolve("query-service").resolve("query-service-17.0.15.jsa");

        assertThat(ClassDataSharing.options(extracted, java17, OPTIONS)).containsExactly(AGENT_ALLOWED[0], AGENT_ALLOWED[1],
                "-XX:ArchiveClassesAtExit=" + archive);

        Files.writeString(archive, "an archive");
        assertThat(ClassDataSharing.options(extracted, java17, OPTIONS)).containsExactly(AGENT_ALLOWED[0], AGENT_ALLOWED[1],
                "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void onJava19To24_theJvmWritesTheArchiveWhenItCannotUseIt() throws Exception {
        Path extracted = extractedLayout("command-service");

        assertThat(ClassDataSharing.options(extracted, Runtime.Version.parse("21.0.8"), OPTIONS)).containsExactly(
                AGENT_ALLOWED[0], AGENT_ALLOWED[1], "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + lib.resolve("command-service").resolve("command-service-21.0.8.jsa"));
    }

    @Test
    void onJava25_anAotCacheIsRecordedWhenMissing_mappedOnceItExists_andRecordedAnewUnderOtherOptions()
            throws Exception {
        Path extracted = extractedLayout("gateway");
        Runtime.Version java25 = Runtime.Version.parse("25.0.3");
        Path cache = lib.resolve("gateway").resolve("gateway-25.0.3-" + ClassDataSharing.optionsHash(OPTIONS) + ".aot");

        assertThat(ClassDataSharing.options(extracted, java25, OPTIONS)).containsExactly(
                "-XX:AOTCacheOutput=" + cache);

        Files.writeString(cache, "a cache");
        assertThat(ClassDataSharing.options(extracted, java25, OPTIONS)).containsExactly("-XX:AOTCache=" + cache);

        List<String> otherOptions = List.of("-Xmx512m", "-XX:+UseSerialGC");
        assertThat(ClassDataSharing.optionsHash(otherOptions)).isNotEqualTo(ClassDataSharing.optionsHash(OPTIONS));
        assertThat(ClassDataSharing.options(extracted, java25, otherOptions)).singleElement().asString()
                .startsWith("-XX:AOTCacheOutput=").doesNotContain(cache.toString());
        assertThat(cache).as("the cache of the options no longer used").doesNotExist();
        assertThat(extracted).exists();
    }

    @Test
    void onJava25_aCacheWhoseWritingWasCutShort_isRecordedAgain() throws Exception {
        Path extracted = extractedLayout("notifier");
        Runtime.Version java25 = Runtime.Version.parse("25.0.3");
        Path cache = lib.resolve("notifier").resolve("notifier-25.0.3-" + ClassDataSharing.optionsHash(OPTIONS) + ".aot");
        Path leftover = cache.resolveSibling(cache.getFileName() + ".config");

        Files.writeString(cache, "");
        assertThat(ClassDataSharing.options(extracted, java25, OPTIONS)).as("an empty cache")
                .containsExactly("-XX:AOTCacheOutput=" + cache);

        Files.writeString(cache, "half a cache");
        Files.writeString(leftover, "the recording");
        assertThat(ClassDataSharing.options(extracted, java25, OPTIONS)).as("the recording's file left beside it")
                .containsExactly("-XX:AOTCacheOutput=" + cache);
        assertThat(cache).doesNotExist();
        assertThat(leftover).doesNotExist();
    }

    private Path extractedLayout(String name) throws Exception {
        Path directory = Files.createDirectories(lib.resolve(name));
        Files.writeString(directory.resolve(".extracted-from"), "1 1");
        return Files.writeString(directory.resolve(name + ".jar"), "jar");
    }
}
