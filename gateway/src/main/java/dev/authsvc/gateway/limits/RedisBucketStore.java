package dev.authsvc.gateway.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in Redis (Bucket4j's compare-and-swap over Lettuce), so every gateway draws on the same budget per
 * address. Keys are {@code <prefix><budget>:<address>} and expire once the bucket would be full again.
 *
 * <p>Nothing is connected at start, so a Redis that is down cannot keep the gateway from starting; the first
 * request connects, and after a failed attempt the next waits a few seconds so requests are not each held up by
 * a connect timeout. Every command is bounded by {@code timeout}; while the connection is down commands are
 * rejected at once rather than queued.
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {

    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);
    /** Kept a little past the refill so a bucket read just before it expires is not recreated full too early. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final RedisClient client;
    private final String keyPrefix;
    private final Duration timeout;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;
    private long nextConnectAttempt = System.nanoTime();

    public RedisBucketStore(String url, String keyPrefix, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    @Override
    public ConsumptionProbe tryConsume(Budget budget, String client) {
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(budget.bandwidth()).build();
        return buckets().builder().build(keyPrefix + budget.name() + ":" + client, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    private ProxyManager<String> buckets() {
        ProxyManager<String> connected = buckets;
        return connected != null ? connected : connect();
    }

    private synchronized ProxyManager<String> connect() {
        if (buckets != null) {
            return buckets;
        }
        long now = System.nanoTime();
        if (now - nextConnectAttempt < 0) {
            throw new IllegalStateException("Redis for rate limits not connected; the next attempt is due shortly");
        }
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            nextConnectAttempt = now + RECONNECT_PAUSE.toNanos();
            throw e;
        }
        buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .requestTimeout(timeout)
                .build();
        return buckets;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
