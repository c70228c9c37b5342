/**
 * A Spring Boot web application that plans a goal per HTTP request with a small Railtracks workflow.
 */
@NullMarked
package dev.railtracks.samples.springweb;

import org.jspecify.annotations.NullMarked;
