/**
 * The visualiser's web page ({@code index.html}, {@code app.js}, {@code app.css}), served by
 * {@link dev.railtracks.viz.VizServer} and by Spring. Only resources: this package exists so that the module can open
 * it, which lets class-path style lookups (Spring's {@code ClassPathResource}) find the page on the module path too.
 */
@NullMarked
package dev.railtracks.viz.ui;

import org.jspecify.annotations.NullMarked;
