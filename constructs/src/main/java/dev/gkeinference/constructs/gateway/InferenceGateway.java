package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The multi-cluster Inference Gateway: a {@code gateway.networking.k8s.io/v1} {@code Gateway} on the fleet's config
 * cluster, of class {@code gke-l7-cross-regional-internal-managed-mc} (a cross-region internal Application Load
 * Balancer with one VIP per region), with one HTTP listener.
 */
public class InferenceGateway extends KubernetesObject {
    public static final String CROSS_REGIONAL_INTERNAL_CLASS = "gke-l7-cross-regional-internal-managed-mc";
    public static final String API_VERSION = "gateway.networking.k8s.io/v1";

    public InferenceGateway(Construct scope, String id, InferenceGatewayProps props) {
        super(scope, id, KubernetesMaps.object(API_VERSION, "Gateway",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("gateway name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                Map.of(
                        "gatewayClassName", props.gatewayClassName(),
                        "addresses", addresses(props.addresses()),
                        "listeners", List.of(Map.of("name", "http", "protocol", "HTTP", "port", props.port())))));
    }

    private static List<Map<String, Object>> addresses(List<GatewayAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a cross-regional gateway needs an address in at least one region");
        }
        List<String> regions = addresses.stream().map(GatewayAddress::region).toList();
        if (new HashSet<>(regions).size() != regions.size()) {
            throw new IllegalArgumentException("gateway addresses name a region twice: " + regions
                    + "; give one address per region");
        }
        return addresses.stream().map(GatewayAddress::toMap).toList();
    }
}
