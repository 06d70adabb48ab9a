package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gke.networking.v1.HealthCheckPolicy;
import io.gke.networking.v1.HealthCheckPolicySpec;
import io.gke.networking.v1.healthcheckpolicyspec.Default;
import io.gke.networking.v1.healthcheckpolicyspec.TargetRef;
import io.gke.networking.v1.healthcheckpolicyspec.default_.Config;
import io.gke.networking.v1.healthcheckpolicyspec.default_.config.HttpHealthCheck;
import software.constructs.Construct;

/**
 * A {@code networking.gke.io/v1} {@code HealthCheckPolicy} for an imported pool: HTTP on the model servers'
 * health path and port. Without it the load balancer probes {@code GET /}, which model servers answer with 404,
 * and no backend ever becomes healthy.
 */
public class PoolImportHealthCheck extends KubernetesObject {
    public static final String API_VERSION = "networking.gke.io/v1";

    public PoolImportHealthCheck(Construct scope, String id, PoolImportHealthCheckProps props) {
        super(scope, id, policy(props));
    }

    private static HealthCheckPolicy policy(PoolImportHealthCheckProps props) {
        HttpHealthCheck http = new HttpHealthCheck();
        http.setRequestPath(props.path());
        http.setPort((long) props.port());
        Config config = new Config();
        config.setType(Config.Type.HTTP);
        config.setHttpHealthCheck(http);
        Default defaults = new Default();
        defaults.setConfig(config);
        TargetRef target = new TargetRef();
        target.setGroup(PoolImport.GROUP);
        target.setKind(PoolImport.KIND);
        target.setName(props.pool().name());
        HealthCheckPolicySpec spec = new HealthCheckPolicySpec();
        spec.setTargetRef(target);
        spec.set_default(defaults);
        HealthCheckPolicy policy = new HealthCheckPolicy();
        policy.setMetadata(new ObjectMetaBuilder()
                .withName(KubernetesNames.requireSubdomain("health check policy name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .build());
        policy.setSpec(spec);
        return policy;
    }
}
