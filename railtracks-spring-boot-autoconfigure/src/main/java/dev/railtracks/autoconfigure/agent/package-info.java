/**
 * Spring Boot auto-configuration for Railtracks agents: {@code railtracks.agent.*} properties and the
 * {@link dev.railtracks.autoconfigure.agent.AgentFactory} that gives agents the application's model.
 */
@NullMarked
package dev.railtracks.autoconfigure.agent;

import org.jspecify.annotations.NullMarked;
