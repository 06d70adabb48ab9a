package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gateway.InferenceGateway;
import dev.gkeinference.constructs.gateway.InferenceGatewayProps;
import dev.gkeinference.constructs.gateway.PoolImport;
import dev.gkeinference.constructs.gateway.PoolImportBackendPolicy;
import dev.gkeinference.constructs.gateway.PoolImportBackendPolicyProps;
import dev.gkeinference.constructs.gateway.PoolImportHealthCheck;
import dev.gkeinference.constructs.gateway.PoolImportHealthCheckProps;
import dev.gkeinference.constructs.gateway.PoolImportRoute;
import dev.gkeinference.constructs.gateway.PoolImportRouteProps;
import dev.gkeinference.constructs.inference.VllmTpuServer;
import dev.gkeinference.stacks.plan.ServingPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import java.util.Collection;
import java.util.List;
import software.constructs.Construct;

/**
 * The multi-cluster Inference Gateway on the config cluster: a cross-region internal Gateway with a VIP per region,
 * an HTTPRoute to the pool imported from every cluster, and the import's health check and backend policy.
 *
 * <p>Applied last: the multi-cluster ingress feature must run (it installs the gateway class and imports the
 * pools), and the pools must be exported from the workload stacks.
 */
public class GatewayStack extends InferenceStack {
    private final InferenceGateway gateway;

    /** @param regions every region of the deployment: the gateway has an address in each */
    public GatewayStack(Construct scope, String id, StackSettings stackSettings, ServingPlan serving,
            List<String> regions, ClusterStack configCluster, FleetStack fleet, Collection<WorkloadStack> workloads) {
        super(scope, id, stackSettings, configCluster.region());
        KubernetesAccess.connect(this, configCluster.cluster());
        ServingPlan.Gateway settings = serving.gateway();
        String ns = serving.namespace();
        PoolImport pool = new PoolImport(serving.poolName());
        this.gateway = new InferenceGateway(this, "gateway", InferenceGatewayProps.builder()
                .name(settings.name()).namespace(ns)
                .addresses(settings.addresses(regions))
                .build());
        new PoolImportRoute(this, "route", PoolImportRouteProps.of(ns, gateway.name(), pool));
        new PoolImportHealthCheck(this, "health-check", PoolImportHealthCheckProps.of(ns, pool, VllmTpuServer.PORT));
        new PoolImportBackendPolicy(this, "backend-policy", PoolImportBackendPolicyProps.builder()
                .name(pool.name() + "-backend-policy").namespace(ns).pool(pool)
                .balancingMode(settings.balancingMode()).timeoutSec(settings.timeoutSec()).build());
        addDependency(fleet);
        workloads.forEach(this::addDependency);
    }

    public InferenceGateway gateway() {
        return gateway;
    }
}
