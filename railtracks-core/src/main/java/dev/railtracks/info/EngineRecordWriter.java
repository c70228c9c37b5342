package dev.railtracks.info;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.access.RecordWriter;

/** The record package's {@link RecordWriter}, registered when {@link StampManager} is initialized. */
final class EngineRecordWriter extends RecordWriter {

	@Override
	public StampManager newHistory() {
		return new StampManager();
	}

	@Override
	public long nextStep(StampManager history) {
		return history.nextStep();
	}

	@Override
	public long nextSteps(StampManager history, int count) {
		return history.nextSteps(count);
	}

	@Override
	public RequestTemplate created(@Nullable RequestTemplate caller, long nodeHigh, long nodeLow, String name,
			NodeType nodeType, @Nullable Object[] inputArgs, Map<String, Object> details, long step, long epochNanos) {
		return RequestTemplate.created(caller, nodeHigh, nodeLow, name, nodeType, inputArgs, details, step, epochNanos);
	}

	@Override
	public RequestTemplate finished(RequestTemplate open, @Nullable Object output, RequestStatus status,
			Map<String, Object> details, long latencyNanos, long step, long epochNanos) {
		return open.finished(output, status, details, latencyNanos, step, epochNanos);
	}

	@Override
	public RequestTemplate cancelled(RequestTemplate open, Failure failure, Map<String, Object> details,
			long latencyNanos, long step, long epochNanos) {
		return open.cancelled(failure, details, latencyNanos, step, epochNanos);
	}

	@Override
	public ExecutionInfo snapshot(RequestTemplate[] heads, StampManager history) {
		return ExecutionInfo.of(heads, history);
	}

}
