package dev.railtracks.autoconfigure.flow;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.RailtracksFlowProperties;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link RailtracksNodeRegistry} of {@link RailtracksNode}
 * bean methods and the {@link RailtracksFlows} declared under {@code railtracks.flows}.
 */
@AutoConfiguration(after = RailtracksAutoConfiguration.class)
@ConditionalOnClass(Session.class)
public final class RailtracksFlowAutoConfiguration {

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
