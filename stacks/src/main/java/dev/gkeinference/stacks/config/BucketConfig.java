package dev.gkeinference.stacks.config;

/**
 * The model-weights bucket.
 *
 * @param name      Default: {@code <project>-<deployment name>-weights}
 * @param location  a region, dual-region or multi-region. Default: US
 */
public record BucketConfig(String name, String location) {
}
