package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares the resources of two synthesized outputs, stack by stack, attribute by attribute. */
public final class ResourceDiffer {
    /** Deleting these loses TPU capacity or model weights; removal is reported as {@link ChangeKind#DESTROY}. */
    public static final Set<String> STATEFUL_TYPES =
            Set.of("google_container_cluster", "google_container_node_pool", "google_storage_bucket");

    private final ReplacementRules rules;

    public ResourceDiffer(ReplacementRules rules) {
        this.rules = rules;
    }

    /** Every added, removed or changed resource; unchanged ones are left out. Sorted by stack, then address. */
    public List<ResourceChange> diff(SynthesizedOutput base, SynthesizedOutput head) {
        Set<String> stackIds = new TreeSet<>(base.stacks().keySet());
        stackIds.addAll(head.stacks().keySet());
        List<ResourceChange> changes = new ArrayList<>();
        for (String id : stackIds) {
            changes.addAll(diffStack(id, stackOrEmpty(base, id), stackOrEmpty(head, id)));
        }
        return changes;
    }

    private List<ResourceChange> diffStack(String id, SynthesizedStack base, SynthesizedStack head) {
        SortedMap<String, ResourceChange> byAddress = new TreeMap<>();
        Set<String> matchedBase = new HashSet<>();
        head.resources().forEach((address, after) -> {
            String moved = head.movedFrom().get(address);
            String baseAddress = moved != null && base.resources().containsKey(moved) ? moved : address;
            JsonNode before = base.resources().get(baseAddress);
            if (before == null) {
                byAddress.put(address, change(id, address, after, ChangeKind.ADD, List.of(), Optional.empty()));
                return;
            }
            matchedBase.add(baseAddress);
            Optional<String> movedFrom = baseAddress.equals(address) ? Optional.empty() : Optional.of(baseAddress);
            List<AttributeChange> attributes = attributeChanges(SynthesizedStack.typeOf(address), before, after);
            if (!attributes.isEmpty() || movedFrom.isPresent()) {
                byAddress.put(address, change(id, address, after, kindOf(attributes), attributes, movedFrom));
            }
        });
        new ReplacementCascade(rules).spread(byAddress, head.resources(), (address, caused) ->
                change(id, address, head.resources().get(address), ChangeKind.REPLACE, caused, Optional.empty()));
        base.resources().forEach((address, before) -> {
            if (!matchedBase.contains(address)) {
                ChangeKind kind = STATEFUL_TYPES.contains(SynthesizedStack.typeOf(address))
                        ? ChangeKind.DESTROY : ChangeKind.REMOVE;
                byAddress.put(address, change(id, address, before, kind, List.of(), Optional.empty()));
            }
        });
        return new ArrayList<>(byAddress.values());
    }

    private ResourceChange change(String stack, String address, JsonNode config, ChangeKind kind,
                                  List<AttributeChange> attributes, Optional<String> movedFrom) {
        String type = SynthesizedStack.typeOf(address);
        return new ResourceChange(stack, address, RegionResolver.regionOf(stack, config), kind, attributes,
                movedFrom, STATEFUL_TYPES.contains(type), rules.knows(type), ResourceNames.of(type, config));
    }

    private List<AttributeChange> attributeChanges(String type, JsonNode before, JsonNode after) {
        SortedMap<String, JsonNode> was = FlatAttributes.of(before);
        SortedMap<String, JsonNode> is = FlatAttributes.of(after);
        Set<String> paths = new TreeSet<>(was.keySet());
        paths.addAll(is.keySet());
        List<AttributeChange> changed = new ArrayList<>();
        for (String path : paths) {
            JsonNode old = was.get(path);
            JsonNode now = is.get(path);
            if (old == null || !old.equals(now)) {
                changed.add(new AttributeChange(path, old, now, rules.replacementFor(type, path, old, now)));
            }
        }
        return changed;
    }

    private static ChangeKind kindOf(List<AttributeChange> attributes) {
        return attributes.stream().anyMatch(a -> a.replacement().isPresent()) ? ChangeKind.REPLACE : ChangeKind.CHANGE;
    }

    private static SynthesizedStack stackOrEmpty(SynthesizedOutput output, String id) {
        SynthesizedStack stack = output.stacks().get(id);
        return stack != null ? stack : new SynthesizedStack(id, new TreeMap<>(), List.of(), Map.of(), null);
    }
}
