package dev.railtracks.autoconfigure.lifecycle;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;

/**
 * The application {@link RailtracksShutdownSigtermTests} runs in a JVM of its own and stops with SIGTERM: a session
 * runs a node that blocks until interrupted, and the close event is printed when it comes.
 */
public final class SigtermApplication {

	private SigtermApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		SpringApplication application = new SpringApplication(Config.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run(args);
		CountDownLatch started = new CountDownLatch(1);
		FunctionNode<String> waiting = FunctionNode.of("waiting", () -> {
			started.countDown();
			new CountDownLatch(1).await();
			return "never";
		});
		SessionFactory factory = context.getBean(SessionFactory.class);
		Thread request = new Thread(() -> {
			try (Session session = factory.create()) {
				session.runSync(waiting);
			}
			catch (RuntimeException ex) {
				System.out.println("REQUEST FAILED: " + ex.getMessage());
			}
		});
		request.start();
		// The JVM halts once every shutdown hook has returned: this one lets the request thread, which learns of the
		// close when its session's close has finished, print what it got before that.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				request.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		started.await();
		System.out.println("RUNNING");
		new CountDownLatch(1).await();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RailtracksAutoConfiguration.class, RailtracksLifecycleAutoConfiguration.class })
	static class Config {

		@Bean
		Object closedEventPrinter() {
			return new Object() {

				@EventListener
				void onClose(SessionClosedEvent event) {
					System.out.println("CLOSED " + event.getSessionId());
				}

			};
		}

	}

}
