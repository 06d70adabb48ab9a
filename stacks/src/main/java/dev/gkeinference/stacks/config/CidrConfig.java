package dev.gkeinference.stacks.config;

/**
 * The address plan of a region; no block may overlap another in any region.
 *
 * @param nodes     node subnet
 * @param pods      pod secondary range
 * @param services  Service secondary range
 * @param proxyOnly {@code GLOBAL_MANAGED_PROXY} subnet for the gateway's proxies (/23 or larger recommended)
 */
public record CidrConfig(String nodes, String pods, String services, String proxyOnly) {
}
