package dev.gkeinference.stacks.config;

/**
 * The model-weights bucket.
 *
 * @param name      Default: {@code <project>-<deployment name>-weights}; required when {@code existing}
 * @param location  a region, dual-region or multi-region. Default: US; an error when {@code existing}
 * @param existing  the named bucket exists and holds the weights: the deployment creates no bucket, only the grants
 *                  (and, with the bundled picker, the jar object in it). Default: false
 */
public record BucketConfig(String name, String location, Boolean existing) {
}
