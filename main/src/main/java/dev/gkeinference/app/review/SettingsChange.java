package dev.gkeinference.app.review;

import java.util.List;

/**
 * A change to a stack's {@code terraform} block, which no resource shows: where its state lives (a new backend
 * means migrating the state before the next apply) or which provider versions it requires.
 */
public record SettingsChange(String stack, List<AttributeChange> attributes) {

    public SettingsChange {
        attributes = List.copyOf(attributes);
    }

    /** The state moves: {@code terraform init -migrate-state} (or a state push) is needed before applying. */
    public boolean movesState() {
        return attributes.stream().anyMatch(a -> a.path().startsWith("backend") || a.path().startsWith("cloud"));
    }

    /** Compares the settings of a stack present in both outputs; null when nothing changed. */
    static SettingsChange between(SynthesizedStack base, SynthesizedStack head) {
        var was = FlatAttributes.of(base.settings());
        var is = FlatAttributes.of(head.settings());
        var paths = new java.util.TreeSet<>(was.keySet());
        paths.addAll(is.keySet());
        List<AttributeChange> changed = paths.stream()
                .filter(p -> was.get(p) == null || !was.get(p).equals(is.get(p)))
                .map(p -> new AttributeChange(p, was.get(p), is.get(p), java.util.Optional.empty()))
                .toList();
        return changed.isEmpty() ? null : new SettingsChange(head.id(), changed);
    }
}
