package dev.railtracks.autoconfigure;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Railtracks: the {@link ExecutorConfig} from
 * {@link RailtracksProperties} and {@link ExecutorConfigCustomizer}s, the {@link SessionFactory}, a prototype
 * {@link Session}, the {@link RailtracksEventBridge application-event bridge}, the
 * {@link RailtracksSessionTracker session tracker}, the {@link RailtracksNodeRegistry} of {@link RailtracksNode}
 * bean methods, the {@link RailtracksFlows} declared under {@code railtracks.flows}, and the
 * {@link RailtracksShutdownLifecycle lifecycle} that closes open sessions at shutdown.
 */
@AutoConfiguration
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties({ RailtracksProperties.class, RailtracksFlowProperties.class })
public final class RailtracksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExecutorConfig railtracksExecutorConfig(RailtracksProperties properties,
			ObjectProvider<ExecutorConfigCustomizer> customizers) {
		ExecutorConfig.Builder builder = PropertiesExecutorConfig.builder(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	RailtracksSessionTracker railtracksSessionTracker(RailtracksProperties properties) {
		return new RailtracksSessionTracker(properties.getRecentSessions());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "railtracks.shutdown.close-sessions", matchIfMissing = true)
	RailtracksShutdownLifecycle railtracksShutdownLifecycle(RailtracksSessionTracker tracker,
			RailtracksProperties properties) {
		return new RailtracksShutdownLifecycle(tracker, properties.getShutdown().getTimeout());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "railtracks.state-retention.enabled", matchIfMissing = true)
	StateDirectoryRetention railtracksStateDirectoryRetention(RailtracksProperties properties,
			ExecutorConfig executorConfig) {
		RailtracksProperties.StateRetention retention = properties.getStateRetention();
		StateRetentionPolicy policy = new StateRetentionPolicy(retention.getMaxFiles(), retention.getMaxAge(),
				retention.getMaxTotalSize());
		return new StateDirectoryRetention(policy, executorConfig, retention.getCheckInterval());
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
		// A bean that a flow names under railtracks.flows.<name>.middleware runs in that flow only.
		Set<Object> flowOnly = flowProperties.getFlows()
			.values()
			.stream()
			.flatMap((flow) -> flow.getMiddleware().stream())
			.filter((name) -> beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, NodeMiddleware.class))
			.map(beanFactory::getBean)
			.collect(Collectors.toSet());
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

	@Bean
	@ConditionalOnMissingBean
	RailtracksNodeRegistry railtracksNodeRegistry(ListableBeanFactory beanFactory) {
		return new RailtracksNodeRegistry(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	RailtracksFlows railtracksFlows(SessionFactory sessionFactory, RailtracksNodeRegistry nodeRegistry,
			RailtracksFlowProperties properties, ListableBeanFactory beanFactory) {
		return new RailtracksFlows(sessionFactory, nodeRegistry, properties.getFlows(), beanFactory);
	}

}
