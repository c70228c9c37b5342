/**
 * A Spring Boot web application that plans a trip per HTTP request with a Railtracks agent whose tools are nodes.
 */
@NullMarked
package dev.railtracks.samples.springweb;

import org.jspecify.annotations.NullMarked;
