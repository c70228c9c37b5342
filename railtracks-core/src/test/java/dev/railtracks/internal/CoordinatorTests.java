package dev.railtracks.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;

import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.TestConfigs.NO_SAVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Coordinator}, through the public API.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoordinatorTests {

	@Test
	void anAsynchronousJobIsOpenUntilItsOutcomeIsRecorded() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FunctionNode<String> blocked = FunctionNode.of("blocked", () -> {
			started.countDown();
			release.await();
			return "done";
		});
		FunctionNode<String> parent = FunctionNode.of("parent", () -> {
			CompletableFuture<String> child = callAsync(blocked);
			return child.join();
		});
		try (Session session = new Session(NO_SAVE)) {
			CompletableFuture<?> run = session.run(parent);
			started.await();
			// The top-level node and its asynchronous child, each on a thread of the strategy.
			assertThat(session.info().requestForest().heads().values()).extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.OPEN, RequestStatus.OPEN);
			release.countDown();
			run.join();
			assertThat(session.info().requestForest().heads().values()).extracting(RequestTemplate::status)
				.containsExactly(RequestStatus.COMPLETED, RequestStatus.COMPLETED);
		}
	}

}
