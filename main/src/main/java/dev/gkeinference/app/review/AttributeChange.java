package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One changed attribute. {@code before}/{@code after} are null when the attribute is absent on that side;
 * {@code replacement} says what the change costs when it cannot be applied in place.
 */
public record AttributeChange(String path, JsonNode before, JsonNode after, Optional<Replacement> replacement) {
}
