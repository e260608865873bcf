package dev.authsvc.standalone;

import java.util.Optional;

/**
 * {@code java -jar standalone/target/standalone.jar}: the whole stack on one machine with nothing installed but
 * Java. Prints where everything is once every service reports ready, restarts a service that dies, and stops
 * everything on SIGTERM or Ctrl-C at any moment, starting or running. Should this process die without stopping
 * them (SIGKILL), each service's {@link ParentWatch} ends it.
 */
public final class Standalone {

    private Standalone() {
    }

    public static void main(String[] args) {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(System.getenv());
        boolean trimHeap = LauncherHeap.keepSmall();
        System.out.println("Starting the auth stack; data in " + config.dataDir() + ", logs in "
                + config.dataDir().resolve("logs"));
        StandaloneStack stack = new StandaloneStack(config, System.out);
        // Before anything starts: a signal while the broker or the services start must stop what has started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stack.isClosing()) {
                System.out.println("Stopping the auth stack...");
            }
            stack.close();
        }, "standalone-shutdown"));
        try {
            stack.startAndAwaitReady();
        } catch (Exception | Error e) {
            if (stack.isClosing()) {
                Optional<String> failure = stack.awaitStopped();
                if (failure.isEmpty()) {
                    return; // stopped by a signal while starting: the shutdown hook finishes the job
                }
                System.err.println("The auth stack did not start: " + lastLine(failure.get()));
                System.exit(1);
            }
            System.err.println("The auth stack did not start: " + e.getMessage());
            e.printStackTrace();
            // Whatever the broker or a half-started service left running must not keep this JVM alive.
            System.exit(1);
            return;
        }
        if (trimHeap) {
            LauncherHeap.trimAfterStart();
        }
        System.out.printf("""

                The auth stack is up. Every service reports ready.
                  API (gateway)       %s   e.g. curl -X POST %s/register -H 'Content-Type: application/json' -d '{...}'
                  Dev outbox          %s/dev/outbox   (the SMS and mails the stack would have sent)
                  Kafka (subscribers) %s   topic auth.user-events.v1
                  command-service     %s
                  query-service       %s
                  notifier            %s
                Press Ctrl-C to stop.
                %n""", stack.gatewayUrl(), stack.gatewayUrl(), stack.gatewayUrl(), stack.kafkaBootstrap(),
                config.url(config.commandServicePort()), config.url(config.queryServicePort()),
                config.url(config.notifierPort()));
        if (config.gatewayOpenToTheNetwork()) {
            System.out.println("GATEWAY_HOST=" + config.gatewayHost() + ": the gateway, and the dev outbox with live "
                    + "codes through it, can be reached from other machines. The services and the broker still "
                    + "listen on 127.0.0.1 only.");
        }
        Optional<String> failure = stack.awaitStopped();
        if (failure.isPresent()) {
            System.err.println("The auth stack stopped: " + lastLine(failure.get()));
            System.exit(1);
        }
    }

    /** The sentence that ends a give-up reason (the lines before it are the service's log, already printed). */
    private static String lastLine(String reason) {
        return reason.lines().reduce((first, last) -> last).orElse(reason);
    }
}
