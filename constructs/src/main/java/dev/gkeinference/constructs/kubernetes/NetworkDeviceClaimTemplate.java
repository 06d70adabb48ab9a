package dev.gkeinference.constructs.kubernetes;

import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A {@code resource.k8s.io/v1} {@code ResourceClaimTemplate} that claims network devices through GKE managed
 * DRANET. Pods reference it by name in {@code spec.resourceClaims} and in their container's
 * {@code resources.claims}; each pod gets its own claim, and the claimed NICs are exclusive to it.
 */
public class NetworkDeviceClaimTemplate extends KubernetesObject {
    /** The DRANET device class for non-RDMA NICs, installed by GKE 1.34.1-gke.1829001 and later. */
    public static final String NETDEV_DEVICE_CLASS = "netdev.google.com";

    private final String requestName;

    public NetworkDeviceClaimTemplate(Construct scope, String id, NetworkDeviceClaimTemplateProps props) {
        super(scope, id, KubernetesMaps.object("resource.k8s.io/v1", "ResourceClaimTemplate",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("claim template name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                Map.of("spec", Map.of("devices", Map.of("requests", List.of(request(props)))))));
        this.requestName = props.requestName();
    }

    private static Map<String, Object> request(NetworkDeviceClaimTemplateProps props) {
        KubernetesNames.requireLabel("device request name", props.requestName());
        Map<String, Object> exactly = props.count() == null
                ? KubernetesMaps.map("deviceClassName", props.deviceClassName(), "allocationMode", "All")
                : KubernetesMaps.map("deviceClassName", props.deviceClassName(), "allocationMode", "ExactCount",
                        "count", props.count());
        return KubernetesMaps.map("name", props.requestName(), "exactly", exactly);
    }

    public String requestName() {
        return requestName;
    }
}
