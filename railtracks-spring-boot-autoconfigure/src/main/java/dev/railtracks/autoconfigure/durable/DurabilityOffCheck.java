package dev.railtracks.autoconfigure.durable;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.railtracks.Flow;

/**
 * Fails startup when a flow is marked durable while {@code railtracks.durable.enabled} is not {@code true}: such a
 * flow cannot run at all (it refuses {@code Flow.invoke}), and running it without checkpoints would silently lose what
 * durability promises.
 */
final class DurabilityOffCheck implements SmartInitializingSingleton {

	private final Supplier<Collection<Flow<?>>> flows;

	DurabilityOffCheck(Supplier<Collection<Flow<?>>> flows) {
		this.flows = flows;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> durable = this.flows.get().stream().filter(Flow::durable).map(Flow::name).toList();
		if (!durable.isEmpty()) {
			throw new IllegalStateException("Flows " + durable + " are durable, but railtracks.durable.enabled is not "
					+ "true: set railtracks.durable.enabled=true (with dev.dbos:transact and a PostgreSQL DataSource), "
					+ "or build them without durable() / railtracks.flows.<name>.durable");
		}
	}

}
