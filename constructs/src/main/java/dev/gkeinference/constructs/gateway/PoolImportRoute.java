package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import software.constructs.Construct;

/**
 * A {@code gateway.networking.k8s.io/v1} {@code HTTPRoute} that sends all traffic of a Gateway to a pool imported
 * from the fleet ({@link PoolImport}), so the load balancer spreads requests over every exporting cluster.
 */
public class PoolImportRoute extends KubernetesObject {

    public PoolImportRoute(Construct scope, String id, PoolImportRouteProps props) {
        super(scope, id, new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireSubdomain("route name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .endMetadata()
                .withNewSpec()
                .addNewParentRef().withName(props.gatewayName()).withKind("Gateway").endParentRef()
                .addNewRule().withBackendRefs(props.pool().backendRef()).endRule()
                .endSpec()
                .build());
    }
}
