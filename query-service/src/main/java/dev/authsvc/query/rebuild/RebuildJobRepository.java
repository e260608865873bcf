package dev.authsvc.query.rebuild;

import dev.authsvc.query.rebuild.RebuildJob.Difference;
import dev.authsvc.query.rebuild.RebuildJob.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code read_model_rebuild}: every job, so that whichever instance a request reaches can report it. The unique
 * {@code running_slot} lets one job run at a time across all instances.
 */
@Repository
class RebuildJobRepository {

    private static final String RUNNING_SLOT = "running";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Difference>> DIFFERENCES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    RebuildJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new running job; empty when another job holds the running slot. */
    Optional<RebuildJob> startRunning(String jobId, String readModel, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO read_model_rebuild (job_id, read_model, state, running_slot, applied, caught_up,
                        started_at, heartbeat_at)
                    VALUES (?, ?, ?, ?, 0, 0, ?, ?)""")
                    .params(jobId, readModel, State.RUNNING.name(), RUNNING_SLOT, time(now), time(now))
                    .update();
        } catch (DuplicateKeyException anotherIsRunning) {
            return Optional.empty();
        }
        return find(jobId);
    }

    Optional<RebuildJob> find(String jobId) {
        return jdbc.sql("SELECT * FROM read_model_rebuild WHERE job_id = ?").param(jobId)
                .query(RebuildJobRepository::row).optional();
    }

    Optional<RebuildJob> running() {
        return jdbc.sql("SELECT * FROM read_model_rebuild WHERE running_slot = ?").param(RUNNING_SLOT)
                .query(RebuildJobRepository::row).optional();
    }

    void total(String jobId, long total, Instant now) {
        jdbc.sql("UPDATE read_model_rebuild SET total = ?, heartbeat_at = ? WHERE job_id = ?")
                .params(total, time(now), jobId).update();
    }

    void progress(String jobId, long applied, long caughtUp, Instant now) {
        jdbc.sql("UPDATE read_model_rebuild SET applied = ?, caught_up = ?, heartbeat_at = ? WHERE job_id = ?")
                .params(applied, caughtUp, time(now), jobId).update();
    }

    void compared(String jobId, UserViewComparison.Result result, Instant now) {
        jdbc.sql("""
                UPDATE read_model_rebuild SET differing = ?, only_live = ?, only_rebuilt = ?, not_compared = ?,
                    differences = ?, heartbeat_at = ?
                WHERE job_id = ?""")
                .params(result.differing(), result.onlyLive(), result.onlyRebuilt(), result.notCompared(),
                        JSON.writeValueAsString(result.differences()), time(now), jobId)
                .update();
    }

    void succeeded(String jobId, Instant now) {
        finish(jobId, State.SUCCEEDED, null, now);
    }

    void failed(String jobId, String error, Instant now) {
        finish(jobId, State.FAILED, error.length() > 1000 ? error.substring(0, 1000) : error, now);
    }

    /** Fails the job if it still runs and its heartbeat is before {@code staleBefore}; true if it did. */
    boolean failIfStale(String jobId, Instant staleBefore, String error, Instant now) {
        return jdbc.sql("""
                UPDATE read_model_rebuild SET state = ?, running_slot = NULL, error = ?, finished_at = ?
                WHERE job_id = ? AND running_slot = ? AND heartbeat_at < ?""")
                .params(State.FAILED.name(), error, time(now), jobId, RUNNING_SLOT, time(staleBefore))
                .update() == 1;
    }

    private void finish(String jobId, State state, String error, Instant now) {
        jdbc.sql("""
                UPDATE read_model_rebuild SET state = ?, running_slot = NULL, error = ?, finished_at = ?, heartbeat_at = ?
                WHERE job_id = ?""")
                .params(state.name(), error, time(now), time(now), jobId)
                .update();
    }

    private static RebuildJob row(ResultSet rs, int rowNum) throws SQLException {
        String differences = rs.getString("differences");
        return new RebuildJob(
                rs.getString("job_id"),
                rs.getString("read_model"),
                State.valueOf(rs.getString("state")),
                rs.getLong("applied"),
                nullableLong(rs, "total"),
                rs.getLong("caught_up"),
                nullableLong(rs, "differing"),
                nullableLong(rs, "only_live"),
                nullableLong(rs, "only_rebuilt"),
                nullableLong(rs, "not_compared"),
                differences == null ? List.of() : JSON.readValue(differences, DIFFERENCES),
                instant(rs, "started_at"),
                instant(rs, "heartbeat_at"),
                instant(rs, "finished_at"),
                rs.getString("error"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
