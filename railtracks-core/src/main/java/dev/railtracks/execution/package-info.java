/**
 * The execution strategy SPI: the threads that asynchronous and batch calls run on, with the standard strategies.
 */
@NullMarked
package dev.railtracks.execution;

import org.jspecify.annotations.NullMarked;
