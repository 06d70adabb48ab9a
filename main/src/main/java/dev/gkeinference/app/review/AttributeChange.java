package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One changed attribute. {@code before}/{@code after} are null when the attribute is absent on that side;
 * {@code replacement} says what the change costs when it cannot be applied in place.
 *
 * @param replacedReference for an attribute whose text is unchanged but refers to a computed attribute of a
 *                          resource that is replaced: that resource's address (the value is unknown until the
 *                          new resource exists, so the plan treats it as changed)
 */
public record AttributeChange(String path, JsonNode before, JsonNode after, Optional<Replacement> replacement,
                              Optional<String> replacedReference) {

    public AttributeChange(String path, JsonNode before, JsonNode after, Optional<Replacement> replacement) {
        this(path, before, after, replacement, Optional.empty());
    }
}
