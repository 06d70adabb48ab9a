package dev.gkeinference.app.review;

import java.util.List;
import java.util.Optional;

/**
 * What the head output does to one resource relative to the base.
 *
 * @param movedFrom              the base address when the head declares a {@code moved} block for it
 * @param stateful               clusters, node pools and buckets: deleting them loses capacity or data
 * @param replacementRulesKnown  false when the type is not in {@link ReplacementRules}, so a "change" is unverified
 * @param name                   what the resource is called in the cloud or cluster (see {@link ResourceNames}),
 *                               empty when unknown
 */
public record ResourceChange(String stack, String address, String region, ChangeKind kind,
                             List<AttributeChange> attributes, Optional<String> movedFrom, boolean stateful,
                             boolean replacementRulesKnown, String name) {

    public ResourceChange {
        attributes = List.copyOf(attributes);
    }

    public String type() {
        return SynthesizedStack.typeOf(address);
    }

    /** Destroys capacity or data: a stateful resource deleted or replaced. CI fails on these unless allowed. */
    public boolean destructive() {
        return kind == ChangeKind.DESTROY || (kind == ChangeKind.REPLACE && stateful);
    }
}
