package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One stack of a synthesized output: its managed resources by Terraform address ({@code type.name}), with the
 * cdktf {@code "//"} metadata removed, the annotations cdktf recorded for it in {@code manifest.json}, and its
 * declared moves.
 */
public record SynthesizedStack(String id, SortedMap<String, JsonNode> resources, List<StackAnnotation> annotations,
                               Map<String, String> movedFrom, JsonNode settings) {

    /**
     * @param movedFrom the stack's {@code moved} blocks, new address to old address: a renamed construct whose
     *                  move is declared is the same resource, not a destroy and an add
     * @param settings  the stack's {@code terraform} block: state backend and required providers
     */
    public SynthesizedStack {
        resources = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(resources));
        annotations = List.copyOf(annotations);
        movedFrom = Map.copyOf(movedFrom);
        settings = settings == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : settings;
    }

    /** The resource type of an address such as {@code google_container_node_pool.tpu}. */
    public static String typeOf(String address) {
        return address.substring(0, address.indexOf('.'));
    }
}
