package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import java.util.HashSet;
import java.util.List;
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
        super(scope, id, new GatewayBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireSubdomain("gateway name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .endMetadata()
                .withNewSpec()
                .withGatewayClassName(props.gatewayClassName())
                .withAddresses(addresses(props.addresses()))
                .addNewListener().withName("http").withProtocol("HTTP").withPort(props.port()).endListener()
                .endSpec()
                .build());
    }

    private static List<GatewaySpecAddress> addresses(List<GatewayAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a cross-regional gateway needs an address in at least one region");
        }
        List<String> regions = addresses.stream().map(GatewayAddress::region).toList();
        if (new HashSet<>(regions).size() != regions.size()) {
            throw new IllegalArgumentException("gateway addresses name a region twice: " + regions
                    + "; give one address per region");
        }
        return addresses.stream().map(GatewayAddress::toSpec).toList();
    }
}
