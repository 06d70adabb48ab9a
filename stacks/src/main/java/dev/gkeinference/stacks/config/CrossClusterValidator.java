package dev.gkeinference.stacks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Invariants of a multi-cluster Inference Gateway that no single cluster can check: one config cluster, one VPC,
 * the same pool and objectives everywhere (the gateway merges exported pools by name), and the load balancer's
 * limit of 50 network endpoint groups per backend service.
 */
public final class CrossClusterValidator {
    /** A backend service holds at most this many NEGs; each target port of each zone of each cluster is one. */
    public static final int MAX_NEGS_PER_BACKEND_SERVICE = 50;

    private CrossClusterValidator() {
    }

    /** Every cross-cluster problem of the plans. */
    public static List<String> problems(List<ClusterServingPlan> clusters) {
        List<String> problems = new ArrayList<>(configClusterProblems(clusters));
        problems.addAll(sharedSettingProblems(clusters));
        problems.addAll(negBudgetProblems(clusters));
        return problems;
    }

    /** Exactly one config cluster. */
    public static List<String> configClusterProblems(List<ClusterServingPlan> clusters) {
        List<String> configs = clusters.stream().filter(ClusterServingPlan::configCluster)
                .map(ClusterServingPlan::region).toList();
        if (configs.size() == 1) {
            return List.of();
        }
        return List.of("regions[*].configCluster: " + configs.size() + " config clusters " + configs
                + " - exactly one cluster must hold the Gateway (the fleet's multi-cluster ingress config cluster)");
    }

    /** One VPC, one pool name and one set of objective names across the clusters. */
    public static List<String> sharedSettingProblems(List<ClusterServingPlan> clusters) {
        List<String> problems = new ArrayList<>();
        if (clusters.isEmpty()) {
            return problems;
        }
        ClusterServingPlan first = clusters.get(0);
        for (ClusterServingPlan other : clusters.subList(1, clusters.size())) {
            differs(problems, other, first, "network", other.network(), first.network(),
                    "every cluster of a multi-cluster gateway must be in one VPC");
            differs(problems, other, first, "pool name", other.poolName(), first.poolName(),
                    "the gateway merges the pools of the clusters by name, so every cluster exports the same pool");
            differs(problems, other, first, "objective names", new TreeSet<>(other.objectiveNames()),
                    new TreeSet<>(first.objectiveNames()),
                    "an objective missing in one cluster loses its priority whenever that cluster serves");
        }
        return problems;
    }

    private static void differs(List<String> problems, ClusterServingPlan other, ClusterServingPlan first,
            String what, Object value, Object expected, String why) {
        if (!value.equals(expected)) {
            problems.add(other.path() + " (" + other.region() + "): " + what + " '" + value + "' differs from '"
                    + expected + "' of " + first.path() + " (" + first.region() + "): " + why);
        }
    }

    /** Target ports × zones × clusters within {@value #MAX_NEGS_PER_BACKEND_SERVICE}. */
    public static List<String> negBudgetProblems(List<ClusterServingPlan> clusters) {
        int negs = clusters.stream().mapToInt(ClusterServingPlan::negs).sum();
        if (negs <= MAX_NEGS_PER_BACKEND_SERVICE) {
            return List.of();
        }
        Set<Integer> ports = new TreeSet<>();
        clusters.forEach(c -> ports.addAll(c.targetPorts()));
        return List.of("regions: '" + clusters.size() + " clusters' need " + negs + " network endpoint groups"
                + " (target ports " + ports + " x zones x clusters), more than the "
                + MAX_NEGS_PER_BACKEND_SERVICE + " one backend service holds: use fewer regions or target ports");
    }
}
