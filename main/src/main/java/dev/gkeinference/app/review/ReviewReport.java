package dev.gkeinference.app.review;

import dev.gkeinference.constructs.policy.WaiverNote;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of comparing base and head: resource changes, the policy waivers in force in the head (and
 * which of them are new), and the regions and stacks involved, everything sorted.
 */
public record ReviewReport(List<ResourceChange> changes, List<Waiver> waivers, SortedSet<String> regions,
                           SortedSet<String> stacks, List<SettingsChange> settings) {

    /** A policy waiver in the head or the base output, and whether this change adds, keeps or retires it. */
    public record Waiver(String stack, WaiverNote note, Status status) {
        public enum Status { NEW, KEPT, REMOVED }
    }

    public ReviewReport {
        changes = List.copyOf(changes);
        waivers = List.copyOf(waivers);
        regions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(regions));
        stacks = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(stacks));
        settings = List.copyOf(settings);
    }

    /** A report without settings changes. */
    public ReviewReport(List<ResourceChange> changes, List<Waiver> waivers, SortedSet<String> regions,
                        SortedSet<String> stacks) {
        this(changes, waivers, regions, stacks, List.of());
    }

    public static ReviewReport compare(SynthesizedOutput base, SynthesizedOutput head, ReplacementRules rules) {
        List<ResourceChange> changes = new ResourceDiffer(rules).diff(base, head);
        SortedSet<String> regions = new TreeSet<>();
        for (SynthesizedOutput output : List.of(base, head)) {
            output.stacks().values().forEach(stack -> stack.resources().forEach(
                    (address, config) -> regions.add(RegionResolver.regionOf(stack.id(), config))));
        }
        changes.forEach(c -> regions.add(c.region()));
        SortedSet<String> stacks = new TreeSet<>(base.stacks().keySet());
        stacks.addAll(head.stacks().keySet());
        return new ReviewReport(changes, waivers(base, head), regions, stacks, settings(base, head));
    }

    /** Stacks in both outputs whose backend or provider requirements changed, sorted by stack. */
    private static List<SettingsChange> settings(SynthesizedOutput base, SynthesizedOutput head) {
        List<SettingsChange> changed = new ArrayList<>();
        head.stacks().forEach((id, stack) -> {
            SynthesizedStack before = base.stacks().get(id);
            SettingsChange change = before == null ? null : SettingsChange.between(before, stack);
            if (change != null) {
                changed.add(change);
            }
        });
        return changed;
    }

    private static List<Waiver> waivers(SynthesizedOutput base, SynthesizedOutput head) {
        List<Waiver> all = new ArrayList<>();
        head.stacks().values().forEach(stack -> notes(stack).forEach(note -> all.add(new Waiver(stack.id(), note,
                notes(base.stacks().get(stack.id())).contains(note) ? Waiver.Status.KEPT : Waiver.Status.NEW))));
        base.stacks().values().forEach(stack -> notes(stack).stream()
                .filter(note -> !notes(head.stacks().get(stack.id())).contains(note))
                .forEach(note -> all.add(new Waiver(stack.id(), note, Waiver.Status.REMOVED))));
        all.sort(java.util.Comparator.comparing((Waiver w) -> w.note().ruleId())
                .thenComparing(Waiver::stack).thenComparing(w -> w.note().address()));
        return all;
    }

    private static List<WaiverNote> notes(SynthesizedStack stack) {
        if (stack == null) {
            return List.of();
        }
        return stack.annotations().stream().map(a -> WaiverNote.parse(a.message()))
                .flatMap(java.util.Optional::stream).distinct().toList();
    }

    /** Changes that lose capacity or data (stateful destroy or replace). */
    public List<ResourceChange> destructive() {
        return changes.stream().filter(ResourceChange::destructive).toList();
    }

    /** How many changes of each kind, in {@link ChangeKind} order; kinds with none are absent. */
    public static SortedMap<ChangeKind, Integer> count(List<ResourceChange> changes) {
        SortedMap<ChangeKind, Integer> counts = new TreeMap<>();
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    /** Changes grouped by stack, stacks sorted. */
    public SortedMap<String, List<ResourceChange>> byStack() {
        SortedMap<String, List<ResourceChange>> grouped = new TreeMap<>();
        changes.forEach(c -> grouped.computeIfAbsent(c.stack(), s -> new ArrayList<>()).add(c));
        return grouped;
    }

    /** Changes grouped by region, every known region present (possibly with none). */
    public SortedMap<String, List<ResourceChange>> byRegion() {
        SortedMap<String, List<ResourceChange>> grouped = new TreeMap<>();
        regions.forEach(r -> grouped.put(r, new ArrayList<>()));
        changes.forEach(c -> grouped.computeIfAbsent(c.region(), r -> new ArrayList<>()).add(c));
        return grouped;
    }
}
