package dev.gkeinference.constructs.tpu;

import java.util.List;
import java.util.Map;

/**
 * A TPU v6e (Trillium) slice shape: the GKE machine type and the slice topology, validated together.
 *
 * <p>v6e machine types and the topologies GKE accepts for them: {@code ct6e-standard-1t} = 1x1 and
 * {@code ct6e-standard-8t} = 2x4 (single host); {@code ct6e-standard-4t} = 2x2 on a single host, or a multi-host
 * slice of 4-chip hosts: 2x4, 4x4, 4x8, 8x8, 8x16, 16x16.
 */
public record TpuSlice(String machineType, String topology) {

    private static final Map<String, Integer> CHIPS_PER_HOST =
            Map.of("ct6e-standard-1t", 1, "ct6e-standard-4t", 4, "ct6e-standard-8t", 8);
    private static final Map<String, List<String>> TOPOLOGIES = Map.of(
            "ct6e-standard-1t", List.of("1x1"),
            "ct6e-standard-4t", List.of("2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"),
            "ct6e-standard-8t", List.of("2x4"));

    /** The node selector value GKE puts on v6e nodes ({@code cloud.google.com/gke-tpu-accelerator}). */
    public static final String ACCELERATOR = "tpu-v6e-slice";

    public TpuSlice {
        requireMachineType(machineType);
        requireTopology(machineType, topology);
    }

    /** Fails unless {@code machineType} is a v6e machine type. */
    public static void requireMachineType(String machineType) {
        if (machineType == null || !CHIPS_PER_HOST.containsKey(machineType)) {
            throw new IllegalArgumentException((machineType == null ? "missing - a machine type is required"
                    : "'" + machineType + "' is not a TPU v6e machine type") + ": allowed are "
                    + String.join(", ", supportedMachineTypes()));
        }
    }

    /** Fails unless GKE accepts {@code topology} for the (valid) machine type. */
    public static void requireTopology(String machineType, String topology) {
        List<String> allowed = topologiesFor(machineType);
        if (topology == null || !allowed.contains(topology)) {
            throw new IllegalArgumentException((topology == null ? "missing - a topology is required"
                    : "'" + topology + "' does not exist") + " for " + machineType + ": allowed are "
                    + String.join(", ", allowed));
        }
    }

    public static List<String> supportedMachineTypes() {
        return List.of("ct6e-standard-1t", "ct6e-standard-4t", "ct6e-standard-8t");
    }

    /** Topologies GKE accepts for a machine type; empty for an unknown type. */
    public static List<String> topologiesFor(String machineType) {
        return machineType == null ? List.of() : TOPOLOGIES.getOrDefault(machineType, List.of());
    }

    public int chipsPerHost() {
        return CHIPS_PER_HOST.get(machineType);
    }

    /** Chips in the slice: the product of the topology's dimensions. */
    public int chips() {
        int chips = 1;
        for (String dimension : topology.split("x")) {
            chips *= Integer.parseInt(dimension);
        }
        return chips;
    }

    /** VMs (GKE nodes) in one slice. */
    public int hosts() {
        return chips() / chipsPerHost();
    }

    public boolean multiHost() {
        return hosts() > 1;
    }
}
