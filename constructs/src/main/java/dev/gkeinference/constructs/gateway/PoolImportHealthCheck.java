package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.Map;
import software.constructs.Construct;

/**
 * A {@code networking.gke.io/v1} {@code HealthCheckPolicy} for an imported pool: HTTP on the model servers'
 * health path and port. Without it the load balancer probes {@code GET /}, which model servers answer with 404,
 * and no backend ever becomes healthy.
 */
public class PoolImportHealthCheck extends KubernetesObject {
    public static final String API_VERSION = "networking.gke.io/v1";

    public PoolImportHealthCheck(Construct scope, String id, PoolImportHealthCheckProps props) {
        super(scope, id, KubernetesMaps.object(API_VERSION, "HealthCheckPolicy",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("health check policy name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                Map.of(
                        "targetRef", props.pool().reference(),
                        "default", Map.of("config", Map.of(
                                "type", "HTTP",
                                "httpHealthCheck", Map.of("requestPath", props.path(), "port", props.port()))))));
    }
}
