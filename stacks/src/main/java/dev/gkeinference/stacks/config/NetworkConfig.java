package dev.gkeinference.stacks.config;

/**
 * The shared VPC.
 *
 * @param name Default: {@code <deployment name>-vpc}
 * @param mtu  Default: 8896
 */
public record NetworkConfig(String name, Integer mtu) {
}
