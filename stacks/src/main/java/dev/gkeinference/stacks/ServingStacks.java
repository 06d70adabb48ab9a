package dev.gkeinference.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.storage.BucketArtifact;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The stacks that serve the model on the clusters, in apply order: {@code fleet}, then per region
 * {@code platform-<region>} and {@code workload-<region>}, then {@code gateway}; destroyed in reverse: gateway,
 * workloads, fleet features and platforms, then the clusters.
 *
 * <p>The split follows one rule: a stack is planned before it is applied, so it may only plan against what earlier
 * stacks created. {@code kubernetes_manifest} reads each kind's schema from the cluster at plan time, so the
 * cluster comes before any stack that talks to it, and the InferenceObjective CRD (platform) before the objectives
 * (workload). The dependencies are declared on the stacks, so {@code cdktf deploy '*'} applies them in this order and
 * {@code cdktf destroy '*'} in reverse.
 */
public final class ServingStacks {
    private final FleetStack fleet;
    private final Map<String, PlatformStack> platforms = new LinkedHashMap<>();
    private final Map<String, WorkloadStack> workloads = new LinkedHashMap<>();
    private final GatewayStack gateway;

    private ServingStacks(Construct app, DeploymentPlan plan, GlobalStack global,
            Map<String, ClusterStack> clusters) {
        ClusterStack configCluster = clusters.get(plan.configCluster().region());
        this.fleet = new FleetStack(app, StackNames.FLEET, plan.stacks(), configCluster, clusters.values());
        clusters.forEach((region, cluster) -> {
            PlatformStack platform = new PlatformStack(app, StackNames.platform(region), plan.stacks(),
                    plan.serving(), cluster, global);
            platforms.put(region, platform);
            workloads.put(region, new WorkloadStack(app, StackNames.workload(region), plan.stacks(), plan.serving(),
                    cluster, platform, fleet, global.pickerJar().map(BucketArtifact::objectName)));
        });
        this.gateway = new GatewayStack(app, StackNames.GATEWAY, plan.stacks(), plan.serving(), plan.regions(),
                configCluster, fleet, workloads.values());
    }

    /** Builds the serving stacks of a plan on its global and cluster stacks. */
    public static ServingStacks build(Construct app, DeploymentPlan plan, GlobalStack global,
            Map<String, ClusterStack> clusters) {
        return new ServingStacks(app, plan, global, clusters);
    }

    public FleetStack fleet() {
        return fleet;
    }

    public Map<String, PlatformStack> platforms() {
        return platforms;
    }

    public Map<String, WorkloadStack> workloads() {
        return workloads;
    }

    public GatewayStack gateway() {
        return gateway;
    }

    /** The serving stacks in an order that satisfies their dependencies. */
    public List<TerraformStack> stacks() {
        List<TerraformStack> stacks = new ArrayList<>();
        stacks.add(fleet);
        stacks.addAll(platforms.values());
        stacks.addAll(workloads.values());
        stacks.add(gateway);
        return stacks;
    }
}
