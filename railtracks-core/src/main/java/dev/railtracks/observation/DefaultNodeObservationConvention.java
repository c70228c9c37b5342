package dev.railtracks.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.railtracks.observation.RailtracksObservationDocumentation.NodeHighCardinalityKeys;
import dev.railtracks.observation.RailtracksObservationDocumentation.NodeLowCardinalityKeys;

/**
 * Default naming and tagging of node observations: name {@code railtracks.node}, contextual name the node's name.
 * Override one {@code protected} method to change one key.
 */
public class DefaultNodeObservationConvention implements NodeObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "railtracks.node";

	/** A shared instance. */
	public static final DefaultNodeObservationConvention INSTANCE = new DefaultNodeObservationConvention();

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(NodeObservationContext context) {
		return context.getNodeName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(NodeObservationContext context) {
		return KeyValues.of(nodeName(context), nodeType(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(NodeObservationContext context) {
		return KeyValues.of(sessionId(context), requestId(context));
	}

	/**
	 * The {@code railtracks.node.name} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue nodeName(NodeObservationContext context) {
		return KeyValue.of(NodeLowCardinalityKeys.NODE_NAME, context.getNodeName());
	}

	/**
	 * The {@code railtracks.node.type} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue nodeType(NodeObservationContext context) {
		return KeyValue.of(NodeLowCardinalityKeys.NODE_TYPE, context.getNodeType());
	}

	/**
	 * The {@code outcome} key: {@code success}, {@code failure}, {@code cancelled}, or none while running.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(NodeObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValue.of(NodeLowCardinalityKeys.OUTCOME, (outcome != null) ? outcome : KeyValue.NONE_VALUE);
	}

	/**
	 * The {@code railtracks.session.id} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue sessionId(NodeObservationContext context) {
		return KeyValue.of(NodeHighCardinalityKeys.SESSION_ID, context.getSessionId());
	}

	/**
	 * The {@code railtracks.request.id} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue requestId(NodeObservationContext context) {
		return KeyValue.of(NodeHighCardinalityKeys.REQUEST_ID, context.getRequestId());
	}

}
