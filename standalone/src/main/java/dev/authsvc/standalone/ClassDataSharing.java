package dev.authsvc.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Class-data sharing (CDS) for the service JVMs: most of a service's start is loading and linking the same
 * classes every time, which a CDS archive maps from a file instead.
 * <ul>
 *   <li>A CDS archive covers classes of plain jars on the class path only, not of a Spring Boot jar's nested jars,
 *   so each service jar is extracted beside it with Spring Boot's tools jar mode ({@code <name>/<name>.jar} and its
 *   {@code lib/}), again whenever the jar changes (a stamp of its size and time), and the extracted jar is run.</li>
 *   <li>The archive is written when the service JVM exits normally (the stack stopped with Ctrl-C or SIGTERM), one
 *   per Java version ({@code <name>-<version>.jsa}), and every later start maps it: the first start after a build
 *   is as slow as without CDS, the next ones are faster. On Java 19 and later the JVM also writes it again when it
 *   cannot use it ({@code -XX:+AutoCreateSharedArchive}); on Java 17 an archive it cannot use is ignored.</li>
 *   <li>On Java 25 and later the archive is an ahead-of-time cache instead (JEP 483 and 514,
 *   {@code <name>-<version>-<options>.aot}): it holds the classes already linked and the methods' profiles too, so a
 *   service starts in about three quarters of the time a CDS archive gives. The JVM records it during the first run
 *   and writes it at its exit ({@code -XX:AOTCacheOutput}); later runs map it ({@code -XX:AOTCache}). Its name
 *   carries a hash of the service's JVM options, since a cache made under other options may not be usable: other
 *   options record a new one, and the old one is deleted then.</li>
 *   <li>{@value #VARIABLE}{@code =false} turns it off (the fat jar runs as before), and so does an extraction that
 *   fails.</li>
 * </ul>
 */
final class ClassDataSharing {

    static final String VARIABLE = "STANDALONE_CDS";
    private static final String STAMP = ".extracted-from";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    private ClassDataSharing() {
    }

    static boolean enabled(StandaloneConfig config) {
        return !"false".equalsIgnoreCase(config.environment().getOrDefault(VARIABLE, "true").strip());
    }

    /**
     * The jar to run for {@code jar}: its extracted form in {@code <lib>/<name>/}, extracted now when missing or
     * made from another jar; {@code jar} itself when the extraction fails (said through {@code log}).
     */
    static Path extracted(Path jar, String java, Consumer<String> log) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path directory = jar.resolveSibling(name);
        Path extractedJar = directory.resolve(name + ".jar");
        try {
            String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            Path stampFile = directory.resolve(STAMP);
            if (Files.exists(extractedJar) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return extractedJar;
            }
            Path temporary = jar.resolveSibling(name + ".extracting");
            delete(temporary);
            Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", temporary.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extract.exitValue() != 0
                    || !Files.exists(temporary.resolve(name + ".jar"))) {
                extract.destroyForcibly();
                log.accept("Could not extract " + jar.getFileName() + " for class-data sharing; it runs as it is.");
                return jar;
            }
            Files.writeString(temporary.resolve(STAMP), stamp);
            // The old extraction goes with its archives: they were made for the classes of the old jar.
            delete(directory);
            Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
            return extractedJar;
        } catch (IOException e) {
            log.accept("Could not extract " + jar.getFileName() + " for class-data sharing (" + e.getMessage()
                    + "); it runs as it is.");
            return jar;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return jar;
        }
    }

    /**
     * The JVM options that map the archive of {@code extractedJar} for Java {@code version} and the service's
     * {@code javaOptions}, or write it when the JVM exits; none for a jar that was not extracted.
     */
    static List<String> options(Path extractedJar, Runtime.Version version, List<String> javaOptions) {
        List<String> options = new ArrayList<>();
        Path directory = extractedJar.getParent();
        if (directory == null || !Files.exists(directory.resolve(STAMP))) {
            return options;
        }
        String name = extractedJar.getFileName().toString().replaceFirst("\\.jar$", "");
        if (version.feature() >= 25) {
            String prefix = name + "-" + version + "-";
            Path cache = directory.resolve(prefix + optionsHash(javaOptions) + ".aot");
            if (usable(cache)) {
                options.add("-XX:AOTCache=" + cache);
            } else {
                deleteCaches(directory, name + "-");
                options.add("-XX:AOTCacheOutput=" + cache);
            }
            return options;
        }
        Path archive = directory.resolve(name + "-" + version + ".jsa");
        // The services run with the parent-watch agent, which only reads its stdin; without this the JVM refuses
        // to write an archive while an agent is loaded (and with AutoCreateSharedArchive, to start).
        options.add("-XX:+UnlockDiagnosticVMOptions");
        options.add("-XX:+AllowArchivingWithJavaAgent");
        if (version.feature() >= 19) {
            options.add("-XX:+AutoCreateSharedArchive");
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (Files.exists(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else {
            options.add("-XX:ArchiveClassesAtExit=" + archive);
        }
        return options;
    }

    /**
     * A cache is whole once its recording's configuration file is gone: the JVM deletes it after writing the cache.
     * One left beside it (or an empty cache) means the writing was cut short, and the cache is recorded again.
     */
    private static boolean usable(Path cache) {
        try {
            return Files.exists(cache) && Files.size(cache) > 0
                    && !Files.exists(cache.resolveSibling(cache.getFileName() + ".config"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Eight hex digits that tell one set of JVM options from another. */
    static String optionsHash(List<String> javaOptions) {
        return String.format("%08x", String.join(" ", javaOptions).hashCode());
    }

    /** The AOT caches (and their recording's leftovers) of a service, made under other options or interrupted. */
    private static void deleteCaches(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().contains(".aot")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A cache left behind costs disk, not correctness: the new one has another name.
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
