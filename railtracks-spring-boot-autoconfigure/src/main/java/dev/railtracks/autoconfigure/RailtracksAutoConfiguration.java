package dev.railtracks.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.autoconfigure.event.RailtracksEventBridge;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Railtracks: the {@link ExecutorConfig} from
 * {@link RailtracksProperties} and {@link ExecutorConfigCustomizer}s (saving to a {@link SessionStore} bean when there
 * is one, through a {@link SessionWriter} unless {@code railtracks.save-mode=sync}), the {@link SessionFactory}, a
 * prototype
 * {@link Session}, and the {@link RailtracksEventBridge application-event bridge}. The session lifecycle
 * ({@link dev.railtracks.autoconfigure.lifecycle}), flows and {@code @RailtracksNode} methods
 * ({@link dev.railtracks.autoconfigure.flow}) and observation ({@link dev.railtracks.autoconfigure.observation}) have
 * their own auto-configurations, ordered after this one.
 */
@AutoConfiguration
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties({ RailtracksProperties.class, RailtracksFlowProperties.class })
public final class RailtracksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExecutorConfig railtracksExecutorConfig(RailtracksProperties properties,
			ObjectProvider<ExecutorConfigCustomizer> customizers, ObjectProvider<SessionStore> store,
			ObjectProvider<SessionWriter> writer) {
		ExecutorConfig.Builder builder = PropertiesExecutorConfig.builder(properties);
		store.ifAvailable(builder::sessionStore);
		writer.ifAvailable(builder::sessionWriter);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Saves closed sessions in the background. A dependency of the {@link ExecutorConfig}, so it is closed, writing
	 * everything still queued, after the beans that close sessions at shutdown.
	 * @param properties the properties
	 * @return the writer
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "railtracks.save-mode", havingValue = "async", matchIfMissing = true)
	SessionWriter railtracksSessionWriter(RailtracksProperties properties) {
		return new SessionWriter(properties.getSaveQueueCapacity());
	}

	@Bean
	@ConditionalOnMissingBean
	RailtracksEventBridge railtracksEventBridge(ApplicationEventPublisher applicationEventPublisher) {
		return new RailtracksEventBridge(applicationEventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionFactory railtracksSessionFactory(ExecutorConfig executorConfig, ObjectProvider<SessionListener> listeners,
			ObjectProvider<NodeMiddleware> middleware, RailtracksFlowProperties flowProperties,
			ListableBeanFactory beanFactory) {
		// A bean that a flow names under railtracks.flows.<name>.middleware runs in that flow only. By identity, as
		// middleware is everywhere: two equal beans are two middleware.
		Set<Object> flowOnly = flowProperties.getFlows()
			.values()
			.stream()
			.flatMap((flow) -> flow.getMiddleware().stream())
			.filter((name) -> beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, NodeMiddleware.class))
			.map(beanFactory::getBean)
			.collect(Collectors.toCollection(() -> Collections.newSetFromMap(new IdentityHashMap<>())));
		return new SessionFactory(executorConfig, listeners.orderedStream().toList(),
				middleware.orderedStream().filter((each) -> !flowOnly.contains(each)).toList());
	}

	/**
	 * A new session for each injection point or {@code getBean} call. Spring never closes prototype beans: whoever
	 * obtains the session must close it (try-with-resources). Singletons should inject the {@link SessionFactory} or an
	 * {@code ObjectProvider<Session>} instead, since a prototype injected into a singleton is created only once.
	 * @param sessionFactory the factory
	 * @return a new, open session
	 */
	@Bean(destroyMethod = "")
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	Session railtracksSession(SessionFactory sessionFactory) {
		return sessionFactory.create();
	}

}
