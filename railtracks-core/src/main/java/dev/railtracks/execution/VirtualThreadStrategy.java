package dev.railtracks.execution;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * One virtual thread per task. The library is compiled for Java 17, so the virtual-thread factory is looked up
 * reflectively once; on Java 17 it is simply absent.
 */
final class VirtualThreadStrategy implements ExecutionStrategy {

	private static final @Nullable ThreadFactory FACTORY = lookUpFactory();

	static final VirtualThreadStrategy INSTANCE = new VirtualThreadStrategy();

	private VirtualThreadStrategy() {
	}

	static boolean isSupported() {
		return FACTORY != null;
	}

	@Override
	public String name() {
		return "virtual-threads";
	}

	@Override
	public void execute(Runnable task) {
		ThreadFactory factory = FACTORY;
		if (factory == null) {
			throw new IllegalStateException("Virtual threads are not available on " + Runtime.version());
		}
		factory.newThread(task).start();
	}

	private static @Nullable ThreadFactory lookUpFactory() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Method name = builderType.getMethod("name", String.class, long.class);
			builder = name.invoke(builder, "railtracks-virtual-", 0L);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
