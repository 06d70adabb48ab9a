package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ExactDeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.ExactDeviceRequestBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplateBuilder;
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
        super(scope, id, new ResourceClaimTemplateBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireSubdomain("claim template name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .endMetadata()
                .withNewSpec().withNewSpec().withNewDevices().withRequests(request(props)).endDevices().endSpec()
                .endSpec()
                .build());
        this.requestName = props.requestName();
    }

    private static DeviceRequest request(NetworkDeviceClaimTemplateProps props) {
        return new DeviceRequestBuilder()
                .withName(KubernetesNames.requireLabel("device request name", props.requestName()))
                .withExactly(exactly(props))
                .build();
    }

    private static ExactDeviceRequest exactly(NetworkDeviceClaimTemplateProps props) {
        ExactDeviceRequestBuilder exactly = new ExactDeviceRequestBuilder().withDeviceClassName(props.deviceClassName());
        return props.count() == null
                ? exactly.withAllocationMode("All").build()
                : exactly.withAllocationMode("ExactCount").withCount(props.count().longValue()).build();
    }

    public String requestName() {
        return requestName;
    }
}
