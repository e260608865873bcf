package dev.authsvc.query.rebuild.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authsvc.query.config.OpenApiConfiguration;
import dev.authsvc.query.rebuild.ReadModelRebuilds;
import dev.authsvc.query.rebuild.RebuildJob;
import dev.authsvc.query.session.Callers;
import dev.authsvc.query.web.ProblemException;
import dev.authsvc.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding the read models from the topic (docs/administration.md, "Rebuilding read models"), for an admin
 * ({@link Callers#admin}): 401 without a live access token, 403 for every other role, before anything else.
 */
@RestController
class RebuildController {

    static final String PATH = "/admin/read-models/rebuild";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/" + ProblemResponses.SCHEMA;
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Callers callers;
    private final ReadModelRebuilds rebuilds;

    RebuildController(Callers callers, ReadModelRebuilds rebuilds) {
        this.callers = callers;
        this.rebuilds = rebuilds;
    }

    record DifferenceResponse(
            @JsonProperty("user_id") String userId,
            @JsonProperty("columns") List<String> columns) {
    }

    record JobResponse(
            @JsonProperty("job_id") String jobId,
            @JsonProperty("read_model") String readModel,
            @JsonProperty("state") String state,
            @JsonProperty("applied") long applied,
            @JsonProperty("total") Long total,
            @JsonProperty("caught_up") long caughtUp,
            @JsonProperty("differing") Long differing,
            @JsonProperty("only_live") Long onlyLive,
            @JsonProperty("only_rebuilt") Long onlyRebuilt,
            @JsonProperty("not_compared") Long notCompared,
            @JsonProperty("differences") List<DifferenceResponse> differences,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("error") String error) {

        static JobResponse of(RebuildJob job) {
            return new JobResponse(job.jobId(), job.readModel(), job.state().name().toLowerCase(Locale.ROOT),
                    job.applied(), job.total(), job.caughtUp(), job.differing(), job.onlyLive(), job.onlyRebuilt(),
                    job.notCompared(),
                    job.differences().stream().map(d -> new DifferenceResponse(d.userId(), d.columns())).toList(),
                    job.startedAt(), job.finishedAt(), job.error());
        }
    }

    @PostMapping(PATH)
    @Operation(summary = "Rebuild the read models from the topic",
            description = "Starts a job that rebuilds user_view from the topic into a fresh table while the live one "
                    + "keeps serving, compares the two, switches over and catches up. 202 with the job; 409 while "
                    + "another rebuild runs. A broker that cannot be reached fails the job, not the request.")
    @ApiResponse(responseCode = "202", description = "The job, started; Location is where to follow it")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "409", description = "Another rebuild is running (on this or another instance)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    ResponseEntity<JobResponse> start(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        callers.admin(authorization);
        RebuildJob job = rebuilds.start();
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + job.jobId())).body(JobResponse.of(job));
    }

    @GetMapping(PATH + "/{job}")
    @Operation(summary = "A rebuild job's progress and result",
            description = "Events applied of how many, then the rows that differed and the outcome. 404 for an "
                    + "unknown job.")
    @ApiResponse(responseCode = "200", description = "The job: state running, succeeded or failed")
    @ApiResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @SecurityRequirement(name = OpenApiConfiguration.BEARER)
    JobResponse job(@PathVariable("job") String job,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        callers.admin(authorization);
        String id = job.toLowerCase(Locale.ROOT);
        if (!JOB_ID.matcher(id).matches()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "There is no rebuild job with that id (a job id is a UUID).");
        }
        return rebuilds.find(id).map(JobResponse::of).orElseThrow(
                () -> new ProblemException(HttpStatus.NOT_FOUND, "There is no rebuild job " + id + "."));
    }
}
