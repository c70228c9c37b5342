package dev.railtracks.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One top-level run of a saved session as a store lists it and the visualiser shows it: the run's fields of the saved
 * document without its nodes, edges and steps.
 *
 * @param runId the run's identifier (its top-level request)
 * @param name the top-level node's name
 * @param status {@code Open}, {@code Completed} or {@code Failed}
 * @param startTime when it started, epoch seconds
 * @param endTime when it ended, epoch seconds, {@code null} while open
 */
public record RunSummary(@JsonProperty("run_id") @Nullable String runId, @Nullable String name,
		@Nullable String status, @JsonProperty("start_time") @Nullable Double startTime,
		@JsonProperty("end_time") @Nullable Double endTime) {

}
