package dev.railtracks.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.railtracks.MiddlewareDefinition;
import dev.railtracks.Node;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.NodeParameter;
import dev.railtracks.info.NodeType;
import dev.railtracks.Railtracks;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelOptions;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.UserMessage;

/**
 * An agent: a node that sends a conversation to a {@link LanguageModel}, runs the tools the model asks for, and
 * answers with the model's final text or a typed object read from it.
 *
 * <pre>{@code
 * FunctionNode<String> weather = FunctionNode.of("weather", Forecasts::forCity);
 * Agent<String> planner = Agent.builder("trip_planner")
 *         .model(model)
 *         .systemMessage("You plan trips for {traveller}.")
 *         .tool(weather, "The weather forecast for a city")
 *         .maxRounds(5)
 *         .build();
 * AgentResponse<String> plan = Railtracks.call(planner, "Three days in Kyoto");
 * }</pre>
 *
 * <p>Each call creates a node of type {@link NodeType#AGENT}. It is called with a {@code String}, a
 * {@link UserMessage}, or a {@code List<Message>} conversation; the system message is put first. Every model call is
 * recorded in the node's {@code details.internals.llm_details} and observed as {@code railtracks.model.call} under the
 * node's observation; transient failures are retried following the agent's {@link RetryPolicy}, the innermost of its
 * {@linkplain Builder#modelMiddleware model middleware}. Every tool call the
 * model asks for runs through {@link Railtracks#call} as a child node of the agent (several calls of one answer in
 * parallel, results in the model's order). A tool's failure, an unknown tool name and arguments that do not fit are
 * sent back to the model as the tool's result; with {@code endOnError} or a fatal failure the run ends instead. A call
 * the agent rejects (unknown tool, arguments that do not fit) is logged at WARN without its values and recorded as a
 * failed child node of the tool ({@link InvalidToolCallException}). When
 * the session's {@code promptInjection} is on, {@code {placeholders}} in system and user messages are filled from the
 * session's context ({@link PromptInjection}).
 *
 * <p>An agent is a {@link NodeDefinition}, so it can be a tool of another agent: it then takes one argument,
 * {@code prompt}.
 *
 * @param <T> the answer's type: {@code String}, or the {@linkplain Builder#outputType(Class) output type}
 */
public final class Agent<T> implements NodeDefinition<AgentResponse<T>> {

	/** The default bound on model rounds. */
	public static final int DEFAULT_MAX_ROUNDS = 10;

	private final String name;

	private final LanguageModel model;

	private final @Nullable String systemMessage;

	private final List<AgentTool> tools;

	private final ToolBox toolBox;

	private final @Nullable Class<T> outputType;

	private final @Nullable String outputSchema;

	private final int maxRounds;

	private final RetryPolicy retryPolicy;

	private final List<ModelMiddleware> modelMiddleware;

	/** The middleware each model round runs through: the configured ones, then the retry policy unless it is NONE. */
	private final List<ModelMiddleware> modelChain;

	private final ModelOptions options;

	private final String description;

	private Agent(Builder<T> builder, LanguageModel model) {
		this.name = builder.name;
		this.model = model;
		this.systemMessage = builder.systemMessage;
		this.tools = builder.tools.stream().map(builder::withToolMiddleware).toList();
		this.toolBox = ToolBox.of(builder.name, this.tools);
		this.outputType = builder.outputType;
		this.outputSchema = (builder.outputType != null) ? schemaOf(builder.name, builder.outputType) : null;
		this.maxRounds = builder.maxRounds;
		this.retryPolicy = builder.retryPolicy;
		this.modelMiddleware = List.copyOf(builder.modelMiddleware);
		this.modelChain = modelChain(this.modelMiddleware, this.retryPolicy);
		this.options = builder.options;
		this.description = (builder.description != null) ? builder.description : "Asks the agent '" + builder.name + "'";
	}

	/**
	 * Starts an agent definition.
	 * @param name the agent's name, recorded as the node's name (and its tool name when it is a tool)
	 * @return a builder of a text agent
	 */
	public static Builder<String> builder(String name) {
		if (name == null || name.isBlank()) {
			throw new NodeCreationException("Agent name must not be blank but was '" + name + "'");
		}
		return new Builder<>(name);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public NodeType type() {
		return NodeType.AGENT;
	}

	/**
	 * As a tool of another agent, an agent takes one argument: the request.
	 */
	@Override
	public List<NodeParameter> parameters() {
		return List.of(new NodeParameter("prompt", String.class, "What to ask " + this.name));
	}

	/**
	 * Creates the agent's node for one call.
	 * @param args one argument: a {@code String}, a {@link UserMessage} or a {@code List<Message>}
	 * @return the node
	 * @throws NodeCreationException when the argument is none of these, or the conversation is empty
	 */
	@Override
	public Node<AgentResponse<T>> create(@Nullable Object... args) {
		return new AgentNode<>(this, conversation(args));
	}

	private List<Message> conversation(@Nullable Object @Nullable [] args) {
		if (args == null || args.length != 1 || args[0] == null) {
			throw invalidInput(args);
		}
		List<Message> messages = new ArrayList<>();
		if (this.systemMessage != null) {
			messages.add(new SystemMessage(this.systemMessage));
		}
		Object input = args[0];
		if (input instanceof String text) {
			messages.add(new UserMessage(text));
		}
		else if (input instanceof UserMessage user) {
			messages.add(user);
		}
		else if (input instanceof List<?> history) {
			for (int i = 0; i < history.size(); i++) {
				if (!(history.get(i) instanceof Message message)) {
					throw new NodeCreationException("Agent '" + this.name + "': message " + (i + 1)
							+ " of the conversation is not a Message but " + history.get(i));
				}
				messages.add(message);
			}
			if (history.isEmpty()) {
				throw new NodeCreationException("Agent '" + this.name + "' was called with an empty conversation");
			}
		}
		else {
			throw invalidInput(args);
		}
		return messages;
	}

	private NodeCreationException invalidInput(@Nullable Object @Nullable [] args) {
		return new NodeCreationException("Agent '" + this.name
				+ "' takes one argument, a String, a UserMessage or a List<Message> conversation, but was called with "
				+ ((args == null) ? "null" : Arrays.toString(args)));
	}

	private static List<ModelMiddleware> modelChain(List<ModelMiddleware> middleware, RetryPolicy retryPolicy) {
		if (retryPolicy.maxAttempts() == 1) {
			return middleware;
		}
		List<ModelMiddleware> chain = new ArrayList<>(middleware);
		chain.add(retryPolicy);
		return List.copyOf(chain);
	}

	private static String schemaOf(String name, Class<?> type) {
		try {
			return JsonSchemas.of(type);
		}
		catch (RuntimeException ex) {
			throw new NodeCreationException("Agent '" + name + "': no JSON schema for output type " + type.getName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * The model.
	 * @return the model
	 */
	public LanguageModel model() {
		return this.model;
	}

	/**
	 * The system message, before prompt injection.
	 * @return the system message, or {@code null}
	 */
	public @Nullable String systemMessage() {
		return this.systemMessage;
	}

	/**
	 * The tools.
	 * @return the tools, in the order they were added
	 */
	public List<AgentTool> tools() {
		return this.tools;
	}

	/**
	 * The structured output type.
	 * @return the type, or {@code null} for a text agent
	 */
	public @Nullable Class<T> outputType() {
		return this.outputType;
	}

	/**
	 * The bound on model rounds.
	 * @return the maximum number of model calls per invocation (retries not counted)
	 */
	public int maxRounds() {
		return this.maxRounds;
	}

	/**
	 * How transient model failures are retried.
	 * @return the policy
	 */
	public RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * The model middleware around each model round, outermost first; the {@linkplain #retryPolicy() retry policy}
	 * runs inside them, next to the model.
	 * @return the middleware, in the order they were added
	 */
	public List<ModelMiddleware> modelMiddleware() {
		return this.modelMiddleware;
	}

	/**
	 * The model, temperature and token limit sent with each of the agent's model calls.
	 * @return the options; {@link ModelOptions#DEFAULTS} when the model's own apply
	 */
	public ModelOptions options() {
		return this.options;
	}

	/**
	 * What the agent does, for a model that has it as a tool.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	ToolBox toolBox() {
		return this.toolBox;
	}

	List<ModelMiddleware> modelChain() {
		return this.modelChain;
	}

	@Nullable String outputSchema() {
		return this.outputSchema;
	}

	@Override
	public String toString() {
		return "Agent[" + this.name + ", model " + this.model.provider() + "/" + this.model.modelName() + ", tools "
				+ this.tools.stream().map((tool) -> tool.node().name()).toList() + "]";
	}

	/**
	 * Builds an {@link Agent}.
	 *
	 * @param <T> the answer's type
	 */
	public static final class Builder<T> {

		private final String name;

		private @Nullable LanguageModel model;

		private @Nullable String systemMessage;

		private final List<AgentTool> tools = new ArrayList<>();

		private @Nullable Class<T> outputType;

		private int maxRounds = DEFAULT_MAX_ROUNDS;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private final List<ModelMiddleware> modelMiddleware = new ArrayList<>();

		private ModelOptions options = ModelOptions.DEFAULTS;

		private @Nullable String description;

		private final List<NodeMiddleware> toolMiddleware = new ArrayList<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * The model the agent talks to.
		 * @param model the model
		 * @return this builder
		 */
		public Builder<T> model(LanguageModel model) {
			this.model = model;
			return this;
		}

		/**
		 * The system message, put before the conversation; {@code {placeholders}} are filled from the context when
		 * prompt injection is on.
		 * @param systemMessage the instructions, or {@code null} for none
		 * @return this builder
		 */
		public Builder<T> systemMessage(@Nullable String systemMessage) {
			this.systemMessage = systemMessage;
			return this;
		}

		/**
		 * Adds a tool: any node (function, class, bean method, another agent). Its name is the tool's name.
		 * @param node the node
		 * @param description what it does, for the model
		 * @return this builder
		 */
		public Builder<T> tool(NodeDefinition<?> node, String description) {
			this.tools.add(new AgentTool(node, description));
			return this;
		}

		/**
		 * Adds a tool whose calls run through middleware of their own, such as an approval:
		 * {@code .tool(refund, "Refunds an order", requiresApproval())} (see {@code dev.railtracks.middleware.Approval}).
		 * @param node the node
		 * @param description what it does, for the model
		 * @param middleware the middleware around each call of this tool, outermost first
		 * @return this builder
		 */
		public Builder<T> tool(NodeDefinition<?> node, String description, NodeMiddleware... middleware) {
			if (node == null) {
				throw new NodeCreationException("Agent '" + this.name + "': a tool must not be null");
			}
			return tool(node.withMiddleware(middleware), description);
		}

		/**
		 * Adds a tool described by its own {@link Agent#description()} when it is an agent (also one wrapped
		 * {@linkplain NodeDefinition#withMiddleware with middleware}), else by its name.
		 * @param node the node
		 * @return this builder
		 */
		public Builder<T> tool(NodeDefinition<?> node) {
			if (node == null) {
				throw new NodeCreationException("Agent '" + this.name + "': a tool must not be null");
			}
			// An agent under middleware describes itself as the agent it wraps.
			NodeDefinition<?> described = (node instanceof MiddlewareDefinition<?> wrapped) ? wrapped.definition() : node;
			return tool(node, (described instanceof Agent<?> agent) ? agent.description() : "Runs " + node.name());
		}

		/**
		 * Adds tools, each described as by {@link #tool(NodeDefinition)}.
		 * @param nodes the nodes
		 * @return this builder
		 */
		public Builder<T> tools(NodeDefinition<?>... nodes) {
			for (NodeDefinition<?> node : nodes) {
				tool(node);
			}
			return this;
		}

		/**
		 * Makes the agent answer with an object of this type, read from the model's final text (which the model is
		 * asked to write as JSON following the type's schema). Cannot be combined with tools, as in the original:
		 * models do not reliably call tools when a structured answer is also requested.
		 * @param <R> the type
		 * @param type a record or class Jackson can read
		 * @return this builder, now building an {@code Agent<R>}
		 */
		@SuppressWarnings("unchecked")
		public <R> Builder<R> outputType(Class<R> type) {
			Builder<R> typed = (Builder<R>) this;
			typed.outputType = type;
			return typed;
		}

		/**
		 * The bound on model rounds per invocation; when the model still asks for tools in the last round, the agent
		 * fails with {@link MaxRoundsExceededException}.
		 * @param maxRounds at least 1
		 * @return this builder
		 */
		public Builder<T> maxRounds(int maxRounds) {
			if (maxRounds < 1) {
				throw new NodeCreationException("Agent '" + this.name + "': maxRounds must be at least 1 but was " + maxRounds);
			}
			this.maxRounds = maxRounds;
			return this;
		}

		/**
		 * How transient model failures are retried: the policy is the innermost model middleware, next to the model.
		 * @param retryPolicy the policy; {@link RetryPolicy#NONE} for no retries
		 * @return this builder
		 */
		public Builder<T> retryPolicy(RetryPolicy retryPolicy) {
			if (retryPolicy == null) {
				throw new NodeCreationException("Agent '" + this.name + "': retryPolicy must not be null");
			}
			this.retryPolicy = retryPolicy;
			return this;
		}

		/**
		 * Adds middleware around each of the agent's model rounds: the first added is the outermost, and the
		 * {@linkplain #retryPolicy(RetryPolicy) retry policy} runs inside all of them (see {@link ModelMiddleware}).
		 * @param middleware the middleware, outermost first
		 * @return this builder
		 * @throws NodeCreationException when one is {@code null} or was already added (equal to one added before):
		 * a middleware runs once per round
		 */
		public Builder<T> modelMiddleware(ModelMiddleware... middleware) {
			for (ModelMiddleware added : middleware) {
				if (added == null) {
					throw new NodeCreationException("Agent '" + this.name + "': a model middleware must not be null");
				}
				if (this.modelMiddleware.contains(added)) {
					throw new NodeCreationException("Agent '" + this.name + "': model middleware " + added
							+ " was added twice; add it once (in Spring Boot, AgentFactory adds every ModelMiddleware bean)");
				}
				this.modelMiddleware.add(added);
			}
			return this;
		}

		/**
		 * The model, temperature and token limit of the agent's model calls, over the model's defaults (a Spring AI
		 * model sends them in its provider's own options).
		 * @param options the options; {@link ModelOptions#DEFAULTS} for the model's own
		 * @return this builder
		 */
		public Builder<T> options(ModelOptions options) {
			if (options == null) {
				throw new NodeCreationException("Agent '" + this.name + "': options must not be null");
			}
			this.options = options;
			return this;
		}

		/**
		 * What the agent does, for a model that has it as a tool.
		 * @param description the description
		 * @return this builder
		 */
		public Builder<T> description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Adds middleware around every call of this agent's tools (the tools added before or after), outside each
		 * tool's own and inside the session's; see {@link NodeMiddleware}.
		 * @param middleware the middleware, outermost first
		 * @return this builder
		 * @throws IllegalArgumentException when a middleware is {@code null} or already added (the same instance)
		 */
		public Builder<T> toolMiddleware(NodeMiddleware... middleware) {
			if (middleware == null) {
				throw new IllegalArgumentException("Agent '" + this.name + "': tool middleware must not be null");
			}
			for (NodeMiddleware each : middleware) {
				if (each == null) {
					throw new IllegalArgumentException("Agent '" + this.name + "': a tool middleware must not be null");
				}
				if (this.toolMiddleware.stream().anyMatch((added) -> added == each)) {
					throw new IllegalArgumentException("Agent '" + this.name + "': tool middleware " + each
							+ " is added twice: configure each instance once");
				}
				this.toolMiddleware.add(each);
			}
			return this;
		}

		/**
		 * Builds the agent.
		 * @return the agent
		 * @throws NodeCreationException when there is no model, both tools and an output type are set, a tool's
		 * parameters or the output type have no JSON schema, or a {@link RetryPolicy} is added as model middleware
		 * while the agent's own retry policy is not {@link RetryPolicy#NONE}
		 */
		public Agent<T> build() {
			LanguageModel model = this.model;
			if (model == null) {
				throw new NodeCreationException("Agent '" + this.name + "' needs a model: call model(...) on its builder"
						+ " (in Spring Boot, AgentFactory.builder(name) sets the application's model)");
			}
			if (this.outputType != null && !this.tools.isEmpty()) {
				throw new NodeCreationException("Agent '" + this.name + "' has both tools ("
						+ this.tools.stream().map((tool) -> tool.node().name()).toList() + ") and an output type ("
						+ this.outputType.getName() + "): models do not reliably call tools when a structured answer is"
						+ " also requested. Use a tool agent and give its answer to a structured agent");
			}
			RetryPolicy placed = this.modelMiddleware.stream().filter(RetryPolicy.class::isInstance)
				.map(RetryPolicy.class::cast).findFirst().orElse(null);
			if (placed != null && this.retryPolicy.maxAttempts() > 1) {
				throw new NodeCreationException("Agent '" + this.name + "' would retry model calls twice: by its retry"
						+ " policy " + this.retryPolicy + " and by the model middleware " + placed
						+ "; call retryPolicy(RetryPolicy.NONE) on its builder to retry only where the middleware is (in"
						+ " Spring Boot, or set railtracks.agent.retry.max-attempts=1 for every agent), or remove the"
						+ " middleware to keep the agent's policy");
			}
			return new Agent<>(this, model);
		}

		private AgentTool withToolMiddleware(AgentTool tool) {
			if (this.toolMiddleware.isEmpty()) {
				return tool;
			}
			return new AgentTool(tool.node().withMiddleware(this.toolMiddleware.toArray(NodeMiddleware[]::new)),
					tool.description());
		}

	}

}
