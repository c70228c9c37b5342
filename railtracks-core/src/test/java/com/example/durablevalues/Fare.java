package com.example.durablevalues;

/**
 * A value of an application's package, outside Railtracks': durable runs checkpoint it only once the package is
 * allowed.
 *
 * @param from where the fare starts
 * @param cents its price
 */
public record Fare(String from, long cents) {
}
