/**
 * Spring MVC support: Railtracks exceptions as RFC 9457 problem details.
 */
@NullMarked
package dev.railtracks.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
