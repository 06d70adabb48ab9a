package dev.gkeinference.constructs.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link InferencePool}. The builder is generated ({@code InferencePoolPropsBuilder}).
 *
 * @param name              pool name; with export, the name of the GCPInferencePoolImport too
 * @param namespace         namespace of the pool, its pods and its endpoint picker Service
 * @param selector          labels of the model-server pods (same namespace); 1 to 64 entries
 * @param targetPorts       ports of the model servers; each pod:port is one endpoint, and each port costs one NEG
 *                          per zone and cluster. Default: {@link #DEFAULT_TARGET_PORTS}, vLLM's port
 * @param picker            the endpoint picker: an {@link EndpointPicker}, or one run elsewhere
 *                          ({@link EndpointPicker#fromServiceName})
 * @param failureMode       what the gateway does when the picker fails. Default: {@link #DEFAULT_FAILURE_MODE}
 *                          (FailOpen), as GKE's {@code inferencepool} chart: a picker outage degrades routing, not
 *                          availability
 * @param exported          annotate for the multi-cluster Inference Gateway. Default: true
 */
@Value.Builder
public record InferencePoolProps(String name, String namespace, Map<String, String> selector,
        @Nullable List<Integer> targetPorts, IEndpointPicker picker,
        @Nullable PickerFailureMode failureMode, @Nullable Boolean exported) {
    public static final List<Integer> DEFAULT_TARGET_PORTS = List.of(VllmTpuServer.PORT);
    public static final PickerFailureMode DEFAULT_FAILURE_MODE = PickerFailureMode.FAIL_OPEN;

    public InferencePoolProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(picker, "picker");
        selector = Map.copyOf(selector);
        targetPorts = List.copyOf(Objects.requireNonNullElse(targetPorts, DEFAULT_TARGET_PORTS));
        failureMode = Objects.requireNonNullElse(failureMode, DEFAULT_FAILURE_MODE);
        exported = Objects.requireNonNullElse(exported, true);
        if (selector.isEmpty() || selector.size() > 64) {
            throw new IllegalArgumentException("pool '" + name + "' selector has " + selector.size()
                    + " labels: use 1 to 64");
        }
        if (targetPorts.isEmpty() || targetPorts.size() > 8 || new HashSet<>(targetPorts).size() != targetPorts.size()
                || targetPorts.stream().anyMatch(p -> p < 1 || p > 65535)) {
            throw new IllegalArgumentException("pool '" + name + "' target ports " + targetPorts
                    + " are invalid: use 1 to 8 distinct ports between 1 and 65535");
        }
    }

    public static InferencePoolPropsBuilder builder() {
        return new InferencePoolPropsBuilder();
    }
}
