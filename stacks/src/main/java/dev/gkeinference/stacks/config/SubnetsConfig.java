package dev.gkeinference.stacks.config;

/**
 * A region's subnets that exist already, in an existing VPC; each replaces the CIDR blocks of the subnet it names.
 *
 * @param nodes     the node subnet and its secondary ranges
 * @param proxyOnly the name of the region's {@code GLOBAL_MANAGED_PROXY} subnet
 */
public record SubnetsConfig(NodeSubnetConfig nodes, String proxyOnly) {

    /**
     * @param name     the subnet's name
     * @param pods     the name of its secondary range for pod IPs
     * @param services the name of its secondary range for Service IPs
     */
    public record NodeSubnetConfig(String name, String pods, String services) {
    }
}
