package dev.gkeinference.stacks.plan;

/** Names the deployment derives from its own name, so that two deployments in one project do not collide. */
final class ResourceNames {
    private ResourceNames() {
    }

    /** {@code <deployment name>-vpc}, the default VPC name. */
    static String network(String deploymentName) {
        return deploymentName + "-vpc";
    }

    /** {@code <project>-<deployment name>-weights}, the default bucket name (bucket names are global). */
    static String bucket(String project, String deploymentName) {
        return project + "-" + deploymentName + "-weights";
    }

    /** {@code <deployment name>-<region>}. */
    static String cluster(String deploymentName, String region) {
        return deploymentName + "-" + region;
    }

    /**
     * {@code <deployment name>-<short region>-nodes}: account ids are at most 30 characters, so the continent part
     * of the region is abbreviated (europe-west4 becomes eu-west4).
     */
    static String nodeServiceAccount(String deploymentName, String region) {
        return deploymentName + "-" + shortRegion(region) + "-nodes";
    }

    static String shortRegion(String region) {
        int dash = region.indexOf('-');
        if (dash < 0) {
            return region;
        }
        String abbreviation = switch (region.substring(0, dash)) {
            case "northamerica" -> "na";
            case "southamerica" -> "sa";
            case "europe" -> "eu";
            case "asia" -> "as";
            case "australia" -> "au";
            case "africa" -> "af";
            default -> region.substring(0, dash);
        };
        return abbreviation + region.substring(dash);
    }
}
