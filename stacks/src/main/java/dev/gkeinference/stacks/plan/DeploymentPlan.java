package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.policy.PolicyWaiver;
import java.util.List;

/**
 * A deployment config resolved: overrides applied, every default applied once, every rule checked. Immutable;
 * the stacks are built from it and from nothing else, each from its own part.
 *
 * @param stacks   what every stack shares (project, state backend)
 * @param global   the VPC and the bucket
 * @param clusters one cluster per region, in the config's order
 * @param serving  the serving stacks' settings
 * @param waivers  waivers of the baseline policy
 * @param warnings what deserves a look but is not wrong (a zone not known to offer TPU v6e)
 */
public record DeploymentPlan(StackSettings stacks, GlobalPlan global, List<ClusterPlan> clusters,
        ServingPlan serving, List<PolicyWaiver> waivers, List<String> warnings) {

    public DeploymentPlan {
        clusters = List.copyOf(clusters);
        waivers = List.copyOf(waivers);
        warnings = List.copyOf(warnings);
    }

    public String project() {
        return stacks.project();
    }

    /** The regions, in the config's order. */
    public List<String> regions() {
        return clusters.stream().map(ClusterPlan::region).toList();
    }

    /** The cluster that holds the gateway (exactly one; the resolver checked). */
    public ClusterPlan configCluster() {
        return clusters.stream().filter(ClusterPlan::configCluster).findFirst().orElseThrow();
    }
}
