package dev.gkeinference.stacks.plan;

import dev.gkeinference.stacks.config.BackendConfig;

/**
 * What every stack of a deployment shares: the project its google provider targets, and where its state lives.
 *
 * @param project        GCP project id
 * @param deploymentName default prefix of state paths and workspace names
 * @param backend        the state backend of every stack
 */
public record StackSettings(String project, String deploymentName, BackendConfig backend) {
}
