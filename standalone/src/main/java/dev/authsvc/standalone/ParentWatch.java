package dev.authsvc.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Ends a service JVM when the launcher that started it is gone, however it went: a Java agent (only
 * {@code premain}, no instrumentation) that each service of the standalone stack runs with
 * {@code -javaagent:<data>/lib/parent-watch.jar}. It reads the service's standard input, a pipe whose only writer is
 * the launcher and which the launcher never writes to; when the launcher ends, even by SIGKILL, the kernel closes
 * its end and the read returns end-of-file. The service then exits as on SIGTERM (Spring closes its context), and
 * is halted if that takes longer than {@link #GRACE}.
 *
 * <p>Why the pipe and not the launcher's process id: end-of-file arrives the moment the launcher is gone, without
 * polling, cannot be fooled by a reused process id, and needs nothing from the services' own code; and as an
 * agent the watch runs from the JVM's first instant, long before a Spring component would, so a launcher killed
 * while the services start leaves nothing behind. It is standard-library code only: it runs on the service's
 * class path, not the launcher's.
 */
public final class ParentWatch {

    static final Duration GRACE = Duration.ofSeconds(10);
    static final String JAR_NAME = "parent-watch.jar";

    private ParentWatch() {
    }

    /** The agent's entry point, called by the JVM before the service's {@code main}. */
    public static void premain(String arguments) {
        Thread watch = new Thread(ParentWatch::exitAtEndOfInput, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void exitAtEndOfInput() {
        InputStream input = System.in;
        byte[] buffer = new byte[64];
        try {
            while (input.read(buffer) >= 0) {
                // The launcher writes nothing; whatever arrives is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as its end: the launcher is gone.
        }
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS)
                + " parent-watch: the standalone launcher is gone (its pipe to this process closed); stopping");
        Thread halt = new Thread(ParentWatch::haltAfterGrace, "parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }

    private static void haltAfterGrace() {
        try {
            Thread.sleep(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("parent-watch: still stopping after " + GRACE.toSeconds() + " s; halting");
        Runtime.getRuntime().halt(1);
    }

    /**
     * Writes the agent jar (a manifest naming this class and this class's bytes) into {@code libDir}, replacing an
     * older one, and returns its path.
     */
    static Path writeAgentJar(Path libDir) throws IOException {
        Files.createDirectories(libDir);
        Path target = libDir.resolve(JAR_NAME);
        Path temporary = libDir.resolve(JAR_NAME + ".tmp");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatch.class.getName());
        String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
        try (InputStream classFile = ParentWatch.class.getClassLoader().getResourceAsStream(entry);
                OutputStream file = Files.newOutputStream(temporary);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            if (classFile == null) {
                throw new IllegalStateException(entry + " is missing from the standalone jar");
            }
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
