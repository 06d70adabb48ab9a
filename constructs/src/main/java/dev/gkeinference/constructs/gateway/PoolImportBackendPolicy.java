package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.LinkedHashMap;
import java.util.Map;
import software.constructs.Construct;

/**
 * A {@code networking.gke.io/v1} {@code GCPBackendPolicy} for an imported pool: how the cross-region load balancer
 * balances between clusters (by default on the exported KV-cache utilisation), with long-lived request handling
 * ({@code trafficDuration: LONG}) and a backend timeout long enough for generation.
 */
public class PoolImportBackendPolicy extends KubernetesObject {

    public PoolImportBackendPolicy(Construct scope, String id, PoolImportBackendPolicyProps props) {
        super(scope, id, KubernetesMaps.object(PoolImportHealthCheck.API_VERSION, "GCPBackendPolicy",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("backend policy name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                Map.of("targetRef", props.pool().reference(), "default", defaults(props))));
    }

    private static Map<String, Object> defaults(PoolImportBackendPolicyProps props) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("timeoutSec", props.timeoutSec());
        defaults.putAll(props.balancingMode().fields());
        defaults.put("trafficDuration", "LONG");
        return defaults;
    }
}
