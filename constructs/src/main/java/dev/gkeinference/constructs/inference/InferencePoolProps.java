package dev.gkeinference.constructs.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Properties of an {@link InferencePool}.
 *
 * @param name              pool name; with export, the name of the GCPInferencePoolImport too
 * @param namespace         namespace of the pool, its pods and its endpoint picker Service
 * @param selector          labels of the model-server pods (same namespace); 1 to 64 entries
 * @param targetPorts       ports of the model servers; each pod:port is one endpoint, and each port costs one NEG
 *                          per zone and cluster. Default: {@code [8000]}
 * @param pickerServiceName the endpoint picker's Service
 * @param pickerPort        the Service port of the picker's ext_proc gRPC. Default: 9002
 * @param failureMode       what the gateway does when the picker fails. Default: FailOpen, as GKE's
 *                          {@code inferencepool} chart: a picker outage degrades routing, not availability
 * @param exported          annotate for the multi-cluster Inference Gateway. Default: true
 */
public record InferencePoolProps(String name, String namespace, Map<String, String> selector,
        List<Integer> targetPorts, String pickerServiceName, int pickerPort, PickerFailureMode failureMode,
        boolean exported) {
    public static final PickerFailureMode DEFAULT_FAILURE_MODE = PickerFailureMode.FAIL_OPEN;

    public InferencePoolProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pickerServiceName, "pickerServiceName");
        Objects.requireNonNull(failureMode, "failureMode");
        selector = Map.copyOf(selector);
        targetPorts = List.copyOf(targetPorts);
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

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link InferencePoolProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private Map<String, String> selector = Map.of();
        private List<Integer> targetPorts = List.of(8000);
        private String pickerServiceName;
        private int pickerPort = EndpointPicker.EXT_PROC_PORT;
        private PickerFailureMode failureMode = DEFAULT_FAILURE_MODE;
        private boolean exported = true;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder selector(Map<String, String> selector) {
            this.selector = selector;
            return this;
        }

        public Builder targetPorts(List<Integer> targetPorts) {
            this.targetPorts = targetPorts;
            return this;
        }

        public Builder pickerServiceName(String pickerServiceName) {
            this.pickerServiceName = pickerServiceName;
            return this;
        }

        public Builder pickerPort(int pickerPort) {
            this.pickerPort = pickerPort;
            return this;
        }

        public Builder failureMode(PickerFailureMode failureMode) {
            this.failureMode = failureMode;
            return this;
        }

        public Builder exported(boolean exported) {
            this.exported = exported;
            return this;
        }

        public InferencePoolProps build() {
            return new InferencePoolProps(name, namespace, selector, targetPorts, pickerServiceName, pickerPort,
                    failureMode, exported);
        }
    }
}
