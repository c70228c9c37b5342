/**
 * The model SPI agents talk to: {@link dev.railtracks.llm.Message messages} in, an
 * {@link dev.railtracks.llm.ModelResponse assistant message with tool calls and token usage} out, through a
 * {@link dev.railtracks.llm.LanguageModel}. Providers plug in by implementing that one interface (Spring AI's
 * {@code ChatModel} is adapted to it by the Spring Boot auto-configuration); {@link dev.railtracks.llm.ScriptedModel}
 * answers from a script, for tests and offline demos. An agent's {@link dev.railtracks.llm.ModelOptions} travel with
 * each request; a provider's failures are {@link dev.railtracks.llm.ProviderException}s (rate limit, unavailable,
 * timeout, authentication, bad request, unreadable answer); {@link dev.railtracks.llm.ModelPrices} cost each call.
 */
@NullMarked
package dev.railtracks.llm;

import org.jspecify.annotations.NullMarked;
