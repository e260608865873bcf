package dev.authsvc.query.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild of a read model, as its row in {@code read_model_rebuild} says.
 *
 * @param applied history records applied to the rebuild's table so far (of {@code total})
 * @param total records between the topic's beginning and end offsets when the job started; null until known
 * @param caughtUp records that arrived during the rebuild, applied to the rebuild's table before the comparison
 * @param differing rows at the same sequence in both tables whose columns differ (the switch corrects them); null
 *     until compared
 * @param onlyLive rows the live table has and the history does not (yet) explain; left as they are
 * @param onlyRebuilt rows the history has and the live table has not yet; the live consumers will add them
 * @param notCompared rows in both tables at different sequences (the live consumers were ahead or behind); left
 *     to the live consumers
 * @param differences the first differing rows, with the columns that differ (names only, never values)
 */
public record RebuildJob(
        String jobId,
        String readModel,
        State state,
        long applied,
        Long total,
        long caughtUp,
        Long differing,
        Long onlyLive,
        Long onlyRebuilt,
        Long notCompared,
        List<Difference> differences,
        Instant startedAt,
        Instant heartbeatAt,
        Instant finishedAt,
        String error) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED
    }

    /** A row whose rebuilt columns are not the live ones: which user, and which columns (no values). */
    public record Difference(String userId, List<String> columns) {
    }
}
