package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A {@code gateway.networking.k8s.io/v1} {@code HTTPRoute} that sends all traffic of a Gateway to a pool imported
 * from the fleet ({@link PoolImport}), so the load balancer spreads requests over every exporting cluster.
 */
public class PoolImportRoute extends KubernetesObject {

    public PoolImportRoute(Construct scope, String id, PoolImportRouteProps props) {
        super(scope, id, KubernetesMaps.object(InferenceGateway.API_VERSION, "HTTPRoute",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("route name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                Map.of(
                        "parentRefs", List.of(Map.of("name", props.gatewayName(), "kind", "Gateway")),
                        "rules", List.of(Map.of("backendRefs", List.of(props.pool().reference()))))));
    }
}
