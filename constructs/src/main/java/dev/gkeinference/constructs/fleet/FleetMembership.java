package dev.gkeinference.constructs.fleet;

import dev.gkeinference.constructs.gke.ICluster;
import java.util.Objects;

/**
 * A cluster's fleet membership, as {@code projects/P/locations/L/memberships/ID}. A cluster registered through its
 * {@code fleet} block gets a regional membership (location = the cluster's region); naming a global one instead
 * makes the multi-cluster ingress feature point at a membership that does not exist.
 */
public final class FleetMembership {
    private final String resourceName;

    private FleetMembership(String resourceName) {
        this.resourceName = resourceName;
    }

    /**
     * The membership the cluster's {@code fleet} block registered, read from the cluster's
     * {@code fleet.0.membership_location} and {@code fleet.0.membership_id}; referencing them also orders what
     * uses the membership after the cluster.
     *
     * @param fleetProject the fleet host project (the cluster's {@code fleet.project})
     */
    public static FleetMembership registeredBy(ICluster cluster, String fleetProject) {
        Objects.requireNonNull(cluster, "cluster");
        return of(fleetProject, cluster.fleetMembershipLocation(), cluster.fleetMembershipId());
    }

    /** A membership by its parts (any of which may be a token). */
    public static FleetMembership of(String project, String location, String membershipId) {
        requireText(project, "project");
        requireText(location, "location");
        requireText(membershipId, "membershipId");
        return new FleetMembership("projects/" + project + "/locations/" + location + "/memberships/" + membershipId);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("fleet membership " + name + " must not be empty");
        }
    }

    /** {@code projects/P/locations/L/memberships/ID}, the form {@code config_membership} takes. */
    public String resourceName() {
        return resourceName;
    }

    @Override
    public String toString() {
        return resourceName;
    }
}
