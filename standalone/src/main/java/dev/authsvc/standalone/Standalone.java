package dev.authsvc.standalone;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar standalone/target/standalone.jar}: the whole stack on one machine with nothing installed but
 * Java. Prints where everything is, and stops everything on Ctrl-C.
 */
public final class Standalone {

    private Standalone() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneConfig config = StandaloneConfig.fromEnvironment(System.getenv());
        System.out.println("Starting the auth stack; data in " + config.dataDir() + ", logs in "
                + config.dataDir().resolve("logs"));
        StandaloneStack stack;
        try {
            stack = StandaloneStack.start(config);
        } catch (Exception | Error e) {
            // Whatever the broker or a half-started service left running must not keep this JVM alive.
            System.err.println("The auth stack did not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the auth stack...");
            stack.close();
            stopped.countDown();
        }, "standalone-shutdown"));
        System.out.printf("""

                The auth stack is up.
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
        stopped.await();
    }
}
