package dev.railtracks.observation;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultNodeObservationConvention}.
 */
class DefaultNodeObservationConventionTests {

	private final DefaultNodeObservationConvention convention = new DefaultNodeObservationConvention();

	private static NodeObservationContext context(String nodeName, String nodeType, String requestId) {
		return new NodeObservationContext(nodeName, nodeType, "session-1", requestId);
	}

	@Test
	void lowCardinalityKeyValuesNameTheNodeItsTypeAndItsOutcome() {
		NodeObservationContext context = context("length", "Tool", "request-1");
		assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
				KeyValue.of("railtracks.node.name", "length"), KeyValue.of("railtracks.node.type", "Tool"),
				KeyValue.of("outcome", "none"));
		context.setOutcome("failure");
		assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
				KeyValue.of("railtracks.node.name", "length"), KeyValue.of("railtracks.node.type", "Tool"),
				KeyValue.of("outcome", "failure"));
	}

	@Test
	void lowCardinalityKeyValuesAreMadeOncePerNodeAndOutcome() {
		NodeObservationContext first = context("length", "Tool", "request-1");
		NodeObservationContext second = context("length", "Tool", "request-2");
		KeyValues running = this.convention.getLowCardinalityKeyValues(first);
		assertThat(this.convention.getLowCardinalityKeyValues(second)).isSameAs(running);
		first.setOutcome("success");
		second.setOutcome("success");
		KeyValues succeeded = this.convention.getLowCardinalityKeyValues(first);
		assertThat(succeeded).isNotSameAs(running).isSameAs(this.convention.getLowCardinalityKeyValues(second));
	}

	@Test
	void aNameSeenWithAnotherTypeGetsItsOwnKeyValues() {
		this.convention.getLowCardinalityKeyValues(context("shared", "Tool", "request-1"));
		assertThat(this.convention.getLowCardinalityKeyValues(context("shared", "Agent", "request-2")))
			.contains(KeyValue.of("railtracks.node.type", "Agent"));
		assertThat(this.convention.getLowCardinalityKeyValues(context("shared", "Tool", "request-3")))
			.contains(KeyValue.of("railtracks.node.type", "Tool"));
	}

	@Test
	void anOutcomeOutsideTheKnownOnesIsStillTagged() {
		NodeObservationContext context = context("length", "Tool", "request-1");
		context.setOutcome("skipped");
		assertThat(this.convention.getLowCardinalityKeyValues(context)).contains(KeyValue.of("outcome", "skipped"));
	}

	@Test
	void nodesPastTheCachedNumberAreStillTagged() {
		for (int i = 0; i < DefaultNodeObservationConvention.MAX_CACHED_NODES; i++) {
			this.convention.getLowCardinalityKeyValues(context("node-" + i, "Other", "request-" + i));
		}
		NodeObservationContext late = context("late", "Other", "request-late");
		KeyValues first = this.convention.getLowCardinalityKeyValues(late);
		assertThat(first).contains(KeyValue.of("railtracks.node.name", "late"));
		assertThat(this.convention.getLowCardinalityKeyValues(late)).isEqualTo(first).isNotSameAs(first);
	}

	@Test
	void aSubclassChangesOneKeyOfTheCachedKeyValues() {
		DefaultNodeObservationConvention renaming = new DefaultNodeObservationConvention() {

			@Override
			protected KeyValue nodeName(NodeObservationContext context) {
				return KeyValue.of("railtracks.node.name", context.getNodeName().toUpperCase(Locale.ROOT));
			}

		};
		NodeObservationContext context = context("length", "Tool", "request-1");
		assertThat(renaming.getLowCardinalityKeyValues(context)).contains(KeyValue.of("railtracks.node.name", "LENGTH"));
		assertThat(renaming.getLowCardinalityKeyValues(context)).contains(KeyValue.of("railtracks.node.name", "LENGTH"));
	}

	@Test
	void highCardinalityKeyValuesIdentifyTheCallAndAreMadeOncePerCall() {
		NodeObservationContext first = context("length", "Tool", "request-1");
		NodeObservationContext second = context("length", "Tool", "request-2");
		KeyValues identifiers = this.convention.getHighCardinalityKeyValues(first);
		assertThat(identifiers).containsExactlyInAnyOrder(KeyValue.of("railtracks.session.id", "session-1"),
				KeyValue.of("railtracks.request.id", "request-1"));
		assertThat(this.convention.getHighCardinalityKeyValues(first)).isSameAs(identifiers);
		assertThat(this.convention.getHighCardinalityKeyValues(second))
			.contains(KeyValue.of("railtracks.request.id", "request-2"));
	}

}
