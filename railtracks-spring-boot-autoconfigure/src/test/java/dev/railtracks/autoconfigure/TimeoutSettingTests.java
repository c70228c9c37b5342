package dev.railtracks.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksFlows;
import dev.railtracks.autoconfigure.flow.RailtracksNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A timeout's message and the engine's log line tell a Spring user which property to raise: {@code railtracks.timeout},
 * or a property-declared flow's own {@code railtracks.flows.<name>.timeout}; a timeout set in code names the builder
 * method that set it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimeoutSettingTests {

	private static final String RAISE = "Raise %s or make the nodes faster.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksFlowAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false", "railtracks.timeout=200ms")
		.withBean(Waiter.class);

	static class Waiter {

		@RailtracksNode("wait")
		String waitForever() throws InterruptedException {
			new CountDownLatch(1).await();
			return "never";
		}

	}

	private static final FunctionNode<String> WAITING = FunctionNode.of("waiting", () -> {
		new CountDownLatch(1).await();
		return "never";
	});

	@Test
	void sessionsNameRailtracksTimeoutInTheMessageAndTheLogLine(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			try (Session session = sessions.create()) {
				assertThat(session.config().timeoutSetting()).isEqualTo("railtracks.timeout");
				assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(WAITING))
					.withMessageEndingWith(RAISE.formatted("railtracks.timeout"));
			}
			assertThat(output).contains("waiting ENDED: Execution timed out after 0.2 seconds; running nodes were "
					+ "interrupted and their results will be dropped. " + RAISE.formatted("railtracks.timeout"));
		});
	}

	@Test
	void aTimeoutSetInCodeNamesTheMethodThatSetIt() {
		this.contextRunner.run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			try (Session session = sessions.create((config) -> config.timeout(Duration.ofMillis(100)))) {
				assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(WAITING))
					.withMessageEndingWith(RAISE.formatted(ExecutorConfig.TIMEOUT_BUILDER_METHOD));
			}
			Flow<String> flow = sessions.flow("coded", WAITING).timeout(Duration.ofMillis(100)).build();
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(flow::invoke)
				.withMessageEndingWith(RAISE.formatted(Flow.Builder.TIMEOUT_METHOD));
		});
	}

	@Test
	void aFlowDeclaredInPropertiesNamesItsOwnTimeoutPropertyOrTheSessionsOne() {
		this.contextRunner
			.withPropertyValues("railtracks.flows.patient.node=wait", "railtracks.flows.patient.timeout=100ms",
					"railtracks.flows.plain.node=wait")
			.run((context) -> {
				RailtracksFlows flows = context.getBean(RailtracksFlows.class);
				assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> flows.get("patient").invoke())
					.withMessageEndingWith(RAISE.formatted("railtracks.flows.patient.timeout"));
				assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> flows.get("plain").invoke())
					.withMessageEndingWith(RAISE.formatted("railtracks.timeout"));
			});
	}

}
