package dev.gkeinference.picker.protocol;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.Metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Names and small readers of the Endpoint Picker Protocol (header keys, metadata namespaces). */
public final class Protocol {

    public static final String DESTINATION_HEADER = "x-gateway-destination-endpoint";
    public static final String SERVED_KEY = "x-gateway-destination-endpoint-served";
    public static final String SUBSET_KEY = "x-gateway-destination-endpoint-subset";
    public static final String LB_NAMESPACE = "envoy.lb";
    public static final String SUBSET_NAMESPACE = "envoy.lb.subset_hint";
    /** The objective header of the llm-d router; {@link #LEGACY_OBJECTIVE_HEADER} is its deprecated alias. */
    public static final String OBJECTIVE_HEADER = "x-llm-d-inference-objective";
    public static final String LEGACY_OBJECTIVE_HEADER = "x-gateway-inference-objective";

    /**
     * Headers the picker owns: never forwarded as the client sent them. (The destination header is overwritten; the
     * objective headers go on to the model server.)
     */
    public static final List<String> CONSUMED_HEADERS = List.of(SERVED_KEY);

    private Protocol() {
    }

    /** Header map as lower-case name → value (raw_value when set, as Envoy sends it). */
    public static Map<String, String> headers(HeaderMap map) {
        Map<String, String> out = new HashMap<>(map.getHeadersCount() * 2);
        for (HeaderValue h : map.getHeadersList()) {
            String value = h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toStringUtf8();
            out.put(h.getKey().toLowerCase(java.util.Locale.ROOT), value);
        }
        return out;
    }

    /** The request's InferenceObjective name: the current header wins over the legacy one; null when neither. */
    public static String objective(Map<String, String> headers) {
        String current = headers.get(OBJECTIVE_HEADER);
        return current != null && !current.isBlank() ? current.trim() : headers.get(LEGACY_OBJECTIVE_HEADER);
    }

    /** The subset hint: a list of ip:port strings, or one comma-separated string. */
    public static SubsetHint subsetHint(Metadata metadata) {
        Struct hint = metadata.getFilterMetadataMap().get(SUBSET_NAMESPACE);
        if (hint == null || !hint.containsFields(SUBSET_KEY)) {
            return SubsetHint.NONE;
        }
        Value value = hint.getFieldsOrThrow(SUBSET_KEY);
        List<String> endpoints = new ArrayList<>();
        switch (value.getKindCase()) {
            case LIST_VALUE -> {
                for (Value v : value.getListValue().getValuesList()) {
                    if (v.hasStringValue()) {
                        splitInto(v.getStringValue(), endpoints);
                    }
                }
            }
            case STRING_VALUE -> splitInto(value.getStringValue(), endpoints);
            default -> { } // anything else names no endpoint: an empty subset, answered 503
        }
        return SubsetHint.of(endpoints);
    }

    /** The endpoint the proxy reports as having served the response, or null. */
    public static String servedEndpoint(Metadata metadata) {
        Struct lb = metadata.getFilterMetadataMap().get(LB_NAMESPACE);
        if (lb == null) {
            return null;
        }
        Value v = lb.getFieldsMap().get(SERVED_KEY);
        return v != null && v.hasStringValue() && !v.getStringValue().isBlank() ? v.getStringValue().trim() : null;
    }

    private static void splitInto(String commaSeparated, List<String> out) {
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
    }
}
