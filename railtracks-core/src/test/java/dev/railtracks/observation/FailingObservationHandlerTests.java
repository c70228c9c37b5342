package dev.railtracks.observation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;

import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.noSave;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a failing {@link ObservationHandler} never fails the nodes it observes.
 */
class FailingObservationHandlerTests {

	@Test
	void nodesRunAndAreRecordedWhenAnObservationHandlerThrows() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				if (context instanceof NodeObservationContext node && node.getNodeName().equals("child")) {
					throw new IllegalStateException("tracing backend down");
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		FunctionNode<String> child = FunctionNode.of("child", () -> "child");
		FunctionNode<String> parent = FunctionNode.of("parent", () -> call(child) + callAsync(child).join());
		ExecutorConfig config = noSave().observationRegistry(registry).build();
		try (Session session = new Session(config)) {
			ExecutionInfo info = session.runSync(parent);
			assertThat(info.answer()).isEqualTo("childchild");
			assertThat(info.requestForest().heads().values())
				.allSatisfy((request) -> assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED));
		}
	}

	@Test
	void aHandlerFailingAsTheSessionStopsDoesNotLeaveASecondCloseWaiting() throws Exception {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				if (context instanceof SessionObservationContext) {
					throw new IllegalStateException("tracing backend down");
				}
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		Session session = new Session(ExecutorConfig.builder().saveState(false).observationRegistry(registry).build());
		try {
			session.close();
		}
		catch (IllegalStateException ex) {
			// whether Micrometer passes the handler's failure on is its business; the second close is ours
		}
		CompletableFuture<Void> secondClose = CompletableFuture.runAsync(session::close);
		secondClose.get(10, TimeUnit.SECONDS);
		assertThat(session.isClosed()).isTrue();
	}

}
