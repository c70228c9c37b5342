/**
 * A closed-loop HTTP load driver that starts the spring-web demo and the same app in plain Spring AI as child JVMs
 * and measures them side by side, round after round ({@link dev.railtracks.benchmarks.load.TripAppLoad}).
 */
package dev.railtracks.benchmarks.load;
