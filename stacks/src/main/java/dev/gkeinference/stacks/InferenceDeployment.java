package dev.gkeinference.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.policy.BaselinePolicy;
import dev.gkeinference.stacks.plan.ClusterPlan;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * All stacks of a deployment, composed from a resolved plan. Stack ids become Terraform working directories
 * and workspace names, so they are short and stable: {@code global}, {@code cluster-<region>}, then the
 * {@link ServingStacks}: {@code fleet}, {@code platform-<region>}, {@code workload-<region>}, {@code gateway}.
 */
public final class InferenceDeployment {
    private BaselinePolicy policy;
    private final GlobalStack global;
    private final Map<String, ClusterStack> clusters = new LinkedHashMap<>();
    private final ServingStacks serving;

    private InferenceDeployment(Construct app, DeploymentPlan plan) {
        this.global = new GlobalStack(app, StackNames.GLOBAL, plan.stacks(), plan.global());
        for (ClusterPlan cluster : plan.clusters()) {
            clusters.put(cluster.region(),
                    new ClusterStack(app, StackNames.cluster(cluster.region()), plan.stacks(), cluster, global,
                            plan.serving().customMetricsMinimumVersion()));
        }
        this.serving = ServingStacks.build(app, plan, global, clusters);
    }

    /** Builds every stack of {@code plan} in {@code app}. */
    public static InferenceDeployment build(Construct app, DeploymentPlan plan) {
        InferenceDeployment deployment = new InferenceDeployment(app, plan);
        // after every stack exists: cdktf runs aspects per stack, so the policy is attached to each one
        deployment.policy = BaselinePolicy.applyTo(app, plan.waivers());
        return deployment;
    }

    /** The baseline policy checked on every stack; after synthesis, {@code unusedWaivers()} lists stale waivers. */
    public BaselinePolicy policy() {
        return policy;
    }

    public GlobalStack global() {
        return global;
    }

    public Map<String, ClusterStack> clusters() {
        return clusters;
    }

    public ServingStacks serving() {
        return serving;
    }

    /** Every stack, in an order that satisfies their dependencies. */
    public List<TerraformStack> stacks() {
        List<TerraformStack> stacks = new ArrayList<>();
        stacks.add(global);
        stacks.addAll(clusters.values());
        stacks.addAll(serving.stacks());
        return stacks;
    }
}
