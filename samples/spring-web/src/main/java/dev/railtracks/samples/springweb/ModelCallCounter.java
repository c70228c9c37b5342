package dev.railtracks.samples.springweb;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.railtracks.agent.ModelChain;
import dev.railtracks.agent.ModelMiddleware;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * Counts the model rounds that reach the model in this JVM. In the {@code durable} profile it runs inside the
 * checkpointing of model rounds, so a round replayed from its checkpoint after a crash is not counted: the count shows
 * that no round is paid twice.
 */
@Component
@Profile("durable")
@Order(1)
public class ModelCallCounter implements ModelMiddleware {

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
		this.calls.incrementAndGet();
		return chain.call(request);
	}

	/**
	 * The rounds that called the model in this JVM.
	 * @return the count
	 */
	public int calls() {
		return this.calls.get();
	}

}
