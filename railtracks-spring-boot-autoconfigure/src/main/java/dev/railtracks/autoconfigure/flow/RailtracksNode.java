package dev.railtracks.autoconfigure.flow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.railtracks.info.NodeType;

/**
 * Makes a method of a Spring bean a Railtracks node. The {@link RailtracksNodeRegistry} holds a
 * {@link dev.railtracks.NodeDefinition} for it under the given name; each call invokes the method on the bean
 * instance from the application context, so injected collaborators work.
 *
 * <pre>{@code
 * @Component
 * class Research {
 *     private final SearchClient client;
 *     Research(SearchClient client) { this.client = client; }
 *
 *     @RailtracksNode("research")
 *     String research(String topic) { return client.search(topic); }
 * }
 *
 * try (Session session = sessionFactory.create()) {
 *     session.runSync(nodeRegistry.get("research"), "trains");
 * }
 * }</pre>
 *
 * <p>Calls are checked like those of a {@link dev.railtracks.FunctionNode}: the wrong number or type of arguments
 * fails with a {@link dev.railtracks.NodeCreationException} naming the node and the argument.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RailtracksNode {

	/**
	 * The node's name, unique in the application.
	 * @return the name
	 */
	String value();

	/**
	 * The kind of node, as recorded in the execution state.
	 * @return the node type
	 */
	NodeType type() default NodeType.TOOL;

}
