package dev.authsvc.command.support;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Moves the clock the aggregate reads ({@link GenericEventMessage#clock}, Axon's static one, which also stamps
 * the events) for the length of a try-with-resources block, so an HTTP test can let time pass without waiting.
 * The tests of this module run one at a time, and {@link #close()} puts the clock back for the next one.
 */
public final class AxonClock implements AutoCloseable {

    private final Clock original;

    private AxonClock(Clock original) {
        this.original = original;
    }

    /** From now until {@link #close()}, Axon's clock runs {@code offset} ahead of where it was. */
    public static AxonClock movedAhead(Duration offset) {
        Clock original = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.offset(original, offset);
        return new AxonClock(original);
    }

    @Override
    public void close() {
        GenericEventMessage.clock = original;
    }
}
