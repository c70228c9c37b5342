package dev.railtracks.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.railtracks.observation.RailtracksObservationDocumentation.SessionHighCardinalityKeys;

/**
 * Default naming and tagging of session observations: name {@code railtracks.session}.
 */
public class DefaultSessionObservationConvention implements SessionObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "railtracks.session";

	/** A shared instance. */
	public static final DefaultSessionObservationConvention INSTANCE = new DefaultSessionObservationConvention();

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(SessionObservationContext context) {
		String name = context.getSessionName();
		return (name != null) ? "session " + name : "session";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SessionObservationContext context) {
		return KeyValues.of(flowName(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SessionObservationContext context) {
		return KeyValues.of(sessionId(context), sessionName(context));
	}

	/**
	 * The {@code railtracks.session.id} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue sessionId(SessionObservationContext context) {
		return KeyValue.of(SessionHighCardinalityKeys.SESSION_ID, context.getSessionId());
	}

	/**
	 * The {@code railtracks.session.name} key, {@code none} without a name.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue sessionName(SessionObservationContext context) {
		String name = context.getSessionName();
		return KeyValue.of(SessionHighCardinalityKeys.SESSION_NAME, (name != null) ? name : KeyValue.NONE_VALUE);
	}

	/**
	 * The {@code railtracks.flow} key: the flow that started the session, {@code none} without one. A flow is a
	 * fixed entry point of the application, so its name is a low-cardinality tag of the session metrics.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue flowName(SessionObservationContext context) {
		String name = context.getFlowName();
		return KeyValue.of(RailtracksObservationDocumentation.SessionLowCardinalityKeys.FLOW_NAME,
				(name != null) ? name : KeyValue.NONE_VALUE);
	}

}
