package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replacement spreads through references: when a resource is replaced, its computed attributes ({@code id},
 * {@code self_link}, ...) are unknown until the new one exists, so a replacement-forcing attribute that refers to
 * one of them replaces the referring resource too (a cluster moved to another region takes its node pools with
 * it). Attributes the replaced resource sets in its own configuration stay known and do not spread. Within one
 * stack only: across stacks the values travel through remote state, which the synthesized JSON cannot follow.
 */
final class ReplacementCascade {
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([a-z][a-z0-9_]*)\\.([A-Za-z0-9_-]+)\\.([a-z0-9_]+)");

    private final ReplacementRules rules;

    ReplacementCascade(ReplacementRules rules) {
        this.rules = rules;
    }

    /**
     * Marks, in {@code changes} (by head address), every head resource replaced because of a replaced resource,
     * repeating until nothing more changes. {@code newChange} builds the entry for a resource not yet changed.
     */
    void spread(SortedMap<String, ResourceChange> changes, Map<String, JsonNode> headResources,
                java.util.function.BiFunction<String, List<AttributeChange>, ResourceChange> newChange) {
        boolean spread = true;
        while (spread) {
            spread = false;
            for (Map.Entry<String, JsonNode> resource : headResources.entrySet()) {
                ResourceChange current = changes.get(resource.getKey());
                if (current != null && current.kind() != ChangeKind.CHANGE) {
                    continue; // added, or already replaced
                }
                List<AttributeChange> caused = causedReplacements(resource.getKey(), resource.getValue(), changes,
                        headResources);
                if (!caused.isEmpty()) {
                    changes.put(resource.getKey(), current == null ? newChange.apply(resource.getKey(), caused)
                            : replaced(current, caused));
                    spread = true;
                }
            }
        }
    }

    private List<AttributeChange> causedReplacements(String address, JsonNode config,
                                                     SortedMap<String, ResourceChange> changes,
                                                     Map<String, JsonNode> headResources) {
        String type = SynthesizedStack.typeOf(address);
        List<AttributeChange> caused = new ArrayList<>();
        FlatAttributes.of(config).forEach((path, value) -> {
            Optional<String> replacedTarget = replacedTarget(value, changes, headResources);
            if (replacedTarget.isEmpty()) {
                return;
            }
            rules.replacementFor(type, path, value, value).ifPresent(r ->
                    caused.add(new AttributeChange(path, value, value, Optional.of(r), replacedTarget)));
        });
        return caused;
    }

    /** The replaced resource a value refers to through an attribute that becomes unknown, if any. */
    private static Optional<String> replacedTarget(JsonNode value, SortedMap<String, ResourceChange> changes,
                                                   Map<String, JsonNode> headResources) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(value.asText());
        while (m.find()) {
            String target = m.group(1) + "." + m.group(2);
            ResourceChange change = changes.get(target);
            JsonNode targetConfig = headResources.get(target);
            boolean computed = targetConfig != null && !targetConfig.has(m.group(3));
            if (change != null && change.kind() == ChangeKind.REPLACE && computed) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    private static ResourceChange replaced(ResourceChange change, List<AttributeChange> caused) {
        List<AttributeChange> attributes = new ArrayList<>(change.attributes());
        attributes.addAll(caused);
        attributes.sort(java.util.Comparator.comparing(AttributeChange::path));
        return new ResourceChange(change.stack(), change.address(), change.region(), ChangeKind.REPLACE, attributes,
                change.movedFrom(), change.stateful(), change.replacementRulesKnown(), change.name());
    }
}
