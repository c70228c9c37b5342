package dev.railtracks.execution;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process-wide pool of daemon platform threads: a task goes to an idle thread or gets a new one, never a queue,
 * so blocked parents cannot starve their children. Idle threads leave after 30 seconds.
 */
final class ElasticPoolStrategy implements ExecutionStrategy {

	static final ElasticPoolStrategy INSTANCE = new ElasticPoolStrategy();

	private final ThreadPoolExecutor pool;

	private ElasticPoolStrategy() {
		AtomicLong counter = new AtomicLong();
		this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "railtracks-worker-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	@Override
	public String name() {
		return "platform-threads";
	}

	@Override
	public void execute(Runnable task) {
		this.pool.execute(task);
	}

}
