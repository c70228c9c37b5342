package dev.railtracks.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Railtracks makes and their keys.
 */
public enum RailtracksObservationDocumentation implements ObservationDocumentation {

	/** One node invocation; nested under its caller's observation. */
	NODE {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultNodeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return NodeLowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return NodeHighCardinalityKeys.values();
		}
	},

	/** One model call of an agent; nested under the agent node's observation. */
	MODEL_CALL {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultModelCallObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ModelCallLowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ModelCallHighCardinalityKeys.values();
		}
	},

	/** One session, from construction to close. */
	SESSION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSessionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return SessionLowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return SessionHighCardinalityKeys.values();
		}
	};

	/** Low-cardinality keys of {@link #NODE}. */
	public enum NodeLowCardinalityKeys implements KeyName {

		/** The node's name. */
		NODE_NAME {
			@Override
			public String asString() {
				return "railtracks.node.name";
			}
		},

		/** The node's type: Agent, Tool or Other. */
		NODE_TYPE {
			@Override
			public String asString() {
				return "railtracks.node.type";
			}
		},

		/** How the invocation ended: success, failure or cancelled. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** High-cardinality keys of {@link #NODE}. */
	public enum NodeHighCardinalityKeys implements KeyName {

		/** The session's identifier. */
		SESSION_ID {
			@Override
			public String asString() {
				return "railtracks.session.id";
			}
		},

		/** The request's identifier. */
		REQUEST_ID {
			@Override
			public String asString() {
				return "railtracks.request.id";
			}
		}

	}

	/** Low-cardinality keys of {@link #SESSION}: tags of its metrics. */
	public enum SessionLowCardinalityKeys implements KeyName {

		/** The name of the {@link dev.railtracks.Flow} that started the session, {@code none} without one. */
		FLOW_NAME {
			@Override
			public String asString() {
				return "railtracks.flow";
			}
		}

	}

	/** High-cardinality keys of {@link #SESSION}. */
	public enum SessionHighCardinalityKeys implements KeyName {

		/** The session's identifier. */
		SESSION_ID {
			@Override
			public String asString() {
				return "railtracks.session.id";
			}
		},

		/** The session's name, {@code none} when it has none. */
		SESSION_NAME {
			@Override
			public String asString() {
				return "railtracks.session.name";
			}
		}

	}

	/** Low-cardinality keys of {@link #MODEL_CALL}. */
	public enum ModelCallLowCardinalityKeys implements KeyName {

		/** The calling agent's name. */
		AGENT_NAME {
			@Override
			public String asString() {
				return "railtracks.agent.name";
			}
		},

		/** The model's name. */
		MODEL_NAME {
			@Override
			public String asString() {
				return "railtracks.model.name";
			}
		},

		/** The model's provider, such as openai or scripted. */
		PROVIDER {
			@Override
			public String asString() {
				return "railtracks.model.provider";
			}
		},

		/** How the call ended: success or failure. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** High-cardinality keys of {@link #MODEL_CALL}. */
	public enum ModelCallHighCardinalityKeys implements KeyName {

		/** Input tokens the provider reported. */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "railtracks.model.input.tokens";
			}
		},

		/** Output tokens the provider reported. */
		OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "railtracks.model.output.tokens";
			}
		},

		/** The agent's model round, from 1. */
		ROUND {
			@Override
			public String asString() {
				return "railtracks.model.round";
			}
		}

	}

}
