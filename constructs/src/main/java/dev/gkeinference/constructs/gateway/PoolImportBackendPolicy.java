package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gke.networking.v1.GCPBackendPolicy;
import io.gke.networking.v1.GCPBackendPolicySpec;
import io.gke.networking.v1.gcpbackendpolicyspec.Default;
import io.gke.networking.v1.gcpbackendpolicyspec.TargetRef;
import software.constructs.Construct;

/**
 * A {@code networking.gke.io/v1} {@code GCPBackendPolicy} for an imported pool: how the cross-region load balancer
 * balances between clusters (by default on the exported KV-cache utilisation), with long-lived request handling
 * ({@code trafficDuration: LONG}) and a backend timeout long enough for generation.
 */
public class PoolImportBackendPolicy extends KubernetesObject {

    public PoolImportBackendPolicy(Construct scope, String id, PoolImportBackendPolicyProps props) {
        super(scope, id, policy(props));
    }

    private static GCPBackendPolicy policy(PoolImportBackendPolicyProps props) {
        Default defaults = new Default();
        defaults.setTimeoutSec((long) props.timeoutSec());
        props.balancingMode().applyTo(defaults);
        defaults.setTrafficDuration("LONG");
        TargetRef target = new TargetRef();
        target.setGroup(PoolImport.GROUP);
        target.setKind(PoolImport.KIND);
        target.setName(props.pool().name());
        GCPBackendPolicySpec spec = new GCPBackendPolicySpec();
        spec.setTargetRef(target);
        spec.set_default(defaults);
        GCPBackendPolicy policy = new GCPBackendPolicy();
        policy.setMetadata(new ObjectMetaBuilder()
                .withName(KubernetesNames.requireSubdomain("backend policy name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .build());
        policy.setSpec(spec);
        return policy;
    }
}
