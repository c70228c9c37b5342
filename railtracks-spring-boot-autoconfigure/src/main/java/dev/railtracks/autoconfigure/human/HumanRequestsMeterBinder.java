package dev.railtracks.autoconfigure.human;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;

import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;

/**
 * The meters of a {@link HumanRequests} registry: the {@code railtracks.human.pending} gauge (requests waiting now)
 * and the {@code railtracks.human.wait} timer (from asking to the answer, the timeout or the run's end), tagged
 * {@code kind} ({@code question}, {@code approval}) and {@code outcome} ({@code answered}, {@code closed}).
 */
public class HumanRequestsMeterBinder implements MeterBinder, HumanRequests.Listener, DisposableBean {

	/** The gauge of the requests waiting now. */
	public static final String PENDING = "railtracks.human.pending";

	/** The timer of the waits. */
	public static final String WAIT = "railtracks.human.wait";

	private final HumanRequests requests;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Meters for a registry.
	 * @param requests the registry
	 */
	public HumanRequestsMeterBinder(HumanRequests requests) {
		this.requests = requests;
		requests.addListener(this);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(PENDING, this.requests, (requests) -> requests.pending().size())
			.description("Requests for a person that runs wait for")
			.register(registry);
		this.registries.add(registry);
	}

	@Override
	public void answered(HumanRequest request, HumanAnswer answer) {
		record(request, "answered", answer.answeredAt());
	}

	@Override
	public void closed(HumanRequest request, String how) {
		record(request, "closed", Instant.now());
	}

	private void record(HumanRequest request, String outcome, Instant end) {
		Duration waited = Duration.between(request.askedAt(), end);
		for (MeterRegistry registry : this.registries) {
			Timer.builder(WAIT)
				.description("How long runs waited for a person")
				.tag("kind", request.kind().name().toLowerCase(Locale.ROOT))
				.tag("outcome", outcome)
				.register(registry)
				.record(waited);
		}
	}

	@Override
	public void destroy() {
		this.requests.removeListener(this);
	}

}
