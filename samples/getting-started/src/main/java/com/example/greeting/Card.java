package com.example.greeting;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

// A typed answer: the model is sent this record's JSON schema, and its answer is read into a Card.
public record Card(@JsonPropertyDescription("The language of the greeting") String language,
		@JsonPropertyDescription("The greeting, in that language") String text) {
}
