package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.railtracks.Session;

import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for the forests of an {@link ExecutionInfo}, which are views over its request versions ({@link HeadsView}):
 * they answer as forests built from the versions did, and keep no node version they made.
 */
class ForestViewTests {

	@Test
	void theForestsOfARecordEqualForestsBuiltFromItsVersionsInTheSameOrder() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(ExecutionInfoTests.FAN, List.of("a", "bb", "ccc"));
			List<RequestTemplate> requests = new ArrayList<>(info.requestForest().heads().values());
			RequestForest builtRequests = RequestForest.of(requests);
			NodeForest builtNodes = NodeForest.of(requests.stream().map(RequestTemplate::nodeVersion).toList());

			assertThat(requests).hasSize(4);
			assertThat(info.requestForest().heads()).isEqualTo(builtRequests.heads())
				.hasSameHashCodeAs(builtRequests.heads());
			assertThat(info.requestForest().heads().keySet()).containsExactlyElementsOf(builtRequests.heads().keySet());
			assertThat(info.requestForest().heads().entrySet())
				.containsExactlyElementsOf(builtRequests.heads().entrySet());
			assertThat(info.nodeForest().heads()).isEqualTo(builtNodes.heads()).hasSameHashCodeAs(builtNodes.heads());
			assertThat(info.nodeForest().heads().keySet()).containsExactlyElementsOf(builtNodes.heads().keySet());
			assertThat(info.nodeForest().heads().values()).containsExactlyElementsOf(builtNodes.heads().values());
			assertThat(info.nodeForest().fullData()).isEqualTo(builtNodes.fullData());
			for (RequestTemplate request : requests) {
				assertThat(info.requestForest().get(request.identifier())).isSameAs(request);
				assertThat(info.nodeForest().get(request.sinkId())).isEqualTo(request.nodeVersion());
				assertThat(info.nodeForest().contains(request.sinkId())).isTrue();
				assertThat(info.requestForest().contains(request.sinkId())).isFalse();
			}
		}
	}

	@Test
	void aReadRecordKeepsNoNodeVersionItMade() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(ExecutionInfoTests.SUM, List.of("a", "bb"));
			String topNode = info.insertionRequests().get(0).sinkId();
			LinkedNode first = info.nodeForest().get(topNode);
			LinkedNode again = info.nodeForest().get(topNode);
			assertThat(again).isEqualTo(first).isNotSameAs(first);
			assertThat(info.nodeForest().heads().values().iterator().next()).isEqualTo(first).isNotSameAs(first);
			assertThat(info.nodeForest()).isSameAs(info.nodeForest());
			assertThat(info.requestForest()).isSameAs(info.requestForest());
		}
	}

	@Test
	void onlyAnIdentifierAsItIsWrittenFindsItsItem() {
		try (Session session = new Session(NO_SAVE)) {
			ExecutionInfo info = session.runSync(ExecutionInfoTests.SUM, List.of("a"));
			String request = info.insertionRequests().get(0).identifier();
			String upperCase = request.toUpperCase(Locale.ROOT);
			Map<String, RequestTemplate> heads = info.requestForest().heads();

			assertThat(heads.containsKey(request)).isTrue();
			for (Object other : Arrays.asList(upperCase, "{" + request + "}", request.replace("-", ""), request + " ",
					"not an id", "g" + request.substring(1), request.substring(0, 35) + "\u00e9",
					request.replace('-', '0'), UUID.randomUUID().toString(), null, 42)) {
				assertThat(heads.containsKey(other)).as("%s", other).isFalse();
				assertThat(heads.get(other)).as("%s", other).isNull();
			}
			assertThatThrownBy(() -> info.requestForest().get(upperCase)).isInstanceOf(NoSuchElementException.class)
				.hasMessageContaining("'" + upperCase + "'")
				.hasMessageContaining("2 requests");
		}
	}

	@Test
	void aNodeCalledTwiceIsOneHeadInItsFirstPlaceWithItsNewestVersion() {
		StampManager history = new StampManager();
		long nodeHigh = 0x1234_5678_9ABC_4DEFL;
		long nodeLow = 0x8765_4321_0FED_CBA9L;
		RequestTemplate first = RequestTemplate.created(null, nodeHigh, nodeLow, "shared", NodeType.OTHER,
				new Object[] { 1 }, Map.of(), history.nextStep(), 1_000);
		RequestTemplate other = RequestTemplate.created(null, 7, 8, "other", NodeType.TOOL, new Object[0], Map.of(),
				history.nextStep(), 2_000);
		RequestTemplate again = RequestTemplate
			.created(null, nodeHigh, nodeLow, "shared", NodeType.OTHER, new Object[] { 2 }, Map.of(), history.nextStep(),
					3_000)
			.finished("done", RequestStatus.COMPLETED, Map.of("k", "v"), 5, history.nextStep(), 4_000);
		RequestTemplate[] heads = { first, other, again };
		ExecutionInfo info = ExecutionInfo.of(heads, history);
		NodeForest built = NodeForest.of(Arrays.stream(heads).map(RequestTemplate::nodeVersion).toList());

		assertThat(info.nodeForest().size()).isEqualTo(2);
		assertThat(info.nodeForest().heads()).isEqualTo(built.heads());
		assertThat(info.nodeForest().heads().keySet()).containsExactlyElementsOf(built.heads().keySet());
		assertThat(info.nodeForest().heads().values()).containsExactly(again.nodeVersion(), other.nodeVersion());
		assertThat(info.nodeForest().get(again.sinkId())).isEqualTo(again.nodeVersion());
		assertThat(info.requestForest().size()).isEqualTo(3);
	}

}
