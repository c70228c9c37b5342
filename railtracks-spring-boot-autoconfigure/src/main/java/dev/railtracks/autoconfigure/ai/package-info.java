/**
 * The adapter from Spring AI's {@code ChatModel} to Railtracks' {@link dev.railtracks.llm.LanguageModel}. Only loaded
 * when Spring AI is on the classpath.
 */
@NullMarked
package dev.railtracks.autoconfigure.ai;

import org.jspecify.annotations.NullMarked;
