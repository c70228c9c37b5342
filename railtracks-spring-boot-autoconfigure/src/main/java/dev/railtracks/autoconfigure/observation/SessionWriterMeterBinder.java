package dev.railtracks.autoconfigure.observation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.railtracks.store.SessionWriter;

/**
 * Binds the meters of the background {@link SessionWriter}: {@code railtracks.save.queued}, the documents of closed
 * sessions waiting to be saved; {@code railtracks.save.back.pressure}, how many times a closing session found the
 * queue full and waited (a rising count says the store is slower than the sessions close, and
 * {@code railtracks.save-queue-capacity} or the store needs attention); and {@code railtracks.save.failed}, the
 * documents dropped because the store failed or did not answer ({@link SessionWriter#failedSaves()}, each also logged
 * at {@code ERROR}).
 */
public final class SessionWriterMeterBinder implements MeterBinder {

	/** The gauge of queued documents. */
	public static final String QUEUED = "railtracks.save.queued";

	/** The counter of waits on a full queue. */
	public static final String BACK_PRESSURE = "railtracks.save.back.pressure";

	/** The counter of documents that could not be saved and were dropped. */
	public static final String FAILED = "railtracks.save.failed";

	private final SessionWriter writer;

	/**
	 * A binder reading a writer.
	 * @param writer the application's session writer
	 */
	public SessionWriterMeterBinder(SessionWriter writer) {
		this.writer = writer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(QUEUED, this.writer, SessionWriter::queued)
			.description("Documents of closed Railtracks sessions waiting to be saved")
			.baseUnit("documents")
			.register(registry);
		FunctionCounter.builder(BACK_PRESSURE, this.writer, SessionWriter::backPressureWaits)
			.description("Times a closing Railtracks session waited because the save queue was full")
			.baseUnit("waits")
			.register(registry);
		FunctionCounter.builder(FAILED, this.writer, SessionWriter::failedSaves)
			.description("Documents of closed Railtracks sessions dropped because the session store failed")
			.baseUnit("documents")
			.register(registry);
	}

}
