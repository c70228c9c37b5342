package dev.railtracks.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.railtracks.observation.RailtracksObservationDocumentation.NodeHighCardinalityKeys;
import dev.railtracks.observation.RailtracksObservationDocumentation.NodeLowCardinalityKeys;

/**
 * Default naming and tagging of node observations: name {@code railtracks.node}, contextual name the node's name.
 * Override one {@code protected} method to change one key.
 *
 * <p>Micrometer asks for the key values when an observation starts and again when it stops, for every node call. The
 * low-cardinality ones are therefore made once per node name, type and outcome (through the {@code protected} methods,
 * which must depend on nothing else of the context, as low-cardinality keys do) and reused, for up to
 * {@value #MAX_CACHED_NODES} node names per convention; the high-cardinality ones are made once per call. Override
 * {@link #getLowCardinalityKeyValues} to make them on every call instead.
 */
public class DefaultNodeObservationConvention implements NodeObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "railtracks.node";

	/** A shared instance. */
	public static final DefaultNodeObservationConvention INSTANCE = new DefaultNodeObservationConvention();

	/** Node names whose key values are kept; beyond them (names made per call, say) they are made per call. */
	static final int MAX_CACHED_NODES = 1024;

	/** The outcomes whose key values are kept, in their slot order; slot 0 is the running node's. */
	private static final String[] OUTCOMES = { "success", "failure", "cancelled" };

	private final Map<String, NodeKeyValues> lowCardinalityKeyValues = new ConcurrentHashMap<>();

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
		int slot = outcomeSlot(context.getOutcome());
		NodeKeyValues node = this.lowCardinalityKeyValues.get(context.getNodeName());
		if (slot < 0 || (node == null && this.lowCardinalityKeyValues.size() >= MAX_CACHED_NODES)) {
			return makeLowCardinalityKeyValues(context);
		}
		if (node == null || !node.nodeType.equals(context.getNodeType())) {
			// A node name seen with another type (two definitions sharing a name): the latest type is kept.
			node = new NodeKeyValues(context.getNodeType());
			this.lowCardinalityKeyValues.put(context.getNodeName(), node);
		}
		KeyValues keyValues = node.byOutcome.get(slot);
		if (keyValues == null) {
			keyValues = makeLowCardinalityKeyValues(context);
			node.byOutcome.set(slot, keyValues);
		}
		return keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(NodeObservationContext context) {
		KeyValues identifiers = context.identifierKeyValues;
		if (identifiers == null) {
			identifiers = KeyValues.of(sessionId(context), requestId(context));
			context.identifierKeyValues = identifiers;
		}
		return identifiers;
	}

	private KeyValues makeLowCardinalityKeyValues(NodeObservationContext context) {
		return KeyValues.of(nodeName(context), nodeType(context), outcome(context));
	}

	/** The cache slot of an outcome: 0 while running, -1 for one that is not kept. */
	private static int outcomeSlot(@Nullable String outcome) {
		if (outcome == null) {
			return 0;
		}
		for (int i = 0; i < OUTCOMES.length; i++) {
			if (OUTCOMES[i].equals(outcome)) {
				return i + 1;
			}
		}
		return -1;
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

	/** The low-cardinality key values of one node name: its type, and one set per outcome, made when first asked. */
	private static final class NodeKeyValues {

		final String nodeType;

		final AtomicReferenceArray<KeyValues> byOutcome = new AtomicReferenceArray<>(OUTCOMES.length + 1);

		NodeKeyValues(String nodeType) {
			this.nodeType = nodeType;
		}

	}

}
