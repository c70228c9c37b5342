package example.trips;

/**
 * A value of the application's own package, outside {@code dev.railtracks}: durable calls may carry it because the
 * auto-configuration allows the application's package by default.
 *
 * @param city where to
 * @param days how long
 */
public record Trip(String city, int days) {

}
