package dev.gkeinference.stacks.config;

/**
 * The shared VPC.
 *
 * @param name     Default: {@code <deployment name>-vpc}; required when the VPC exists
 * @param existing the VPC exists: the deployment adds the regions' subnets where they do not exist yet, Cloud NAT
 *                 for the node subnets it creates, and its firewall rules. Default: false
 * @param mtu      of a new VPC. Default: 8896
 */
public record NetworkConfig(String name, Boolean existing, Integer mtu) {
}
