package dev.railtracks.benchmarks.load;

import java.util.List;

/**
 * One app as the driver runs it: the app and its own arguments (the demo with saving on or off).
 *
 * @param label how tables name it
 * @param app the app
 * @param args its arguments beyond the ones every app gets
 */
record AppVariant(String label, TripApp app, List<String> args) {

}
