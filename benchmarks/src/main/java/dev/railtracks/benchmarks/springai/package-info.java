/**
 * The spring-web demo's trip planner written with plain Spring AI ({@code ChatClient} and {@code @Tool} methods) on
 * the demo's scripted model: the baseline the load driver ({@link dev.railtracks.benchmarks.load}) measures the demo
 * against.
 */
package dev.railtracks.benchmarks.springai;
