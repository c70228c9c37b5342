package dev.railtracks;

import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a node, as an agent describes it to a model when the node is a tool: a name, a (possibly generic)
 * type, and an optional description.
 *
 * @param name the parameter's name; the model passes the argument under it
 * @param type the parameter's type, generic when known ({@code List<String>}, a record, an enum...)
 * @param description what the argument means, for the model, or {@code null}
 */
public record NodeParameter(String name, Type type, @Nullable String description) {

	/**
	 * A parameter.
	 * @param name the name; not blank
	 * @param type the type; not {@code null}
	 * @param description the description, or {@code null}
	 */
	public NodeParameter {
		if (name == null || name.isBlank() || type == null) {
			throw new IllegalArgumentException("Node parameter needs a name and a type but was (" + name + ", " + type + ")");
		}
	}

	/**
	 * The parameters of a method or constructor: names from the class file (compile with {@code -parameters},
	 * otherwise they are {@code arg0}, {@code arg1}...), generic types, and descriptions from
	 * {@link JsonPropertyDescription} on the parameter.
	 * @param parameters the reflected parameters
	 * @return one node parameter each, in order
	 */
	static List<NodeParameter> of(Parameter[] parameters) {
		List<NodeParameter> result = new ArrayList<>(parameters.length);
		for (Parameter parameter : parameters) {
			JsonPropertyDescription description = parameter.getAnnotation(JsonPropertyDescription.class);
			result.add(new NodeParameter(parameter.getName(), parameter.getParameterizedType(),
					(description != null) ? description.value() : null));
		}
		return List.copyOf(result);
	}

}
