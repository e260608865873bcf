import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The bcrypt ceiling of this machine: how many cost-12 verifications per second THREADS threads manage for SECONDS
 * seconds, with the same library the command-service checks passwords with (Spring Security's BCrypt). A password
 * login of this stack cannot go faster than this, so bench/run reports logins as a share of it.
 *
 * <pre>java -cp spring-security-crypto.jar bench/BcryptCeiling.java [threads] [seconds] [cost]</pre>
 *
 * Prints one line {@code BCRYPT_CEILING cost=12 threads=2 seconds=10.0 verifications=81 per_second=8.1}.
 */
public final class BcryptCeiling {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int cost = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        String password = "quiet meadow lantern";
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(cost));
        BCrypt.checkpw(password, hash); // loads and compiles before the clock runs

        AtomicLong verifications = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (!BCrypt.checkpw(password, hash)) {
                        throw new IllegalStateException("bcrypt refused its own hash");
                    }
                    verifications.incrementAndGet();
                }
            }, "bcrypt-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("BCRYPT_CEILING cost=%d threads=%d seconds=%.1f verifications=%d per_second=%.2f%n", cost,
                threads, elapsed, verifications.get(), verifications.get() / elapsed);
    }
}
