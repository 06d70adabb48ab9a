package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.storage.ModelBucketProps;
import java.util.Optional;

/**
 * The model-weights bucket: one this deployment creates, or one that exists ({@code bucket.existing}).
 *
 * @param name   the bucket's name
 * @param create the bucket to create; empty for an existing bucket
 */
public record BucketPlan(String name, Optional<ModelBucketProps> create) {

    static BucketPlan created(ModelBucketProps bucket) {
        return new BucketPlan(bucket.name(), Optional.of(bucket));
    }

    static BucketPlan existing(String name) {
        return new BucketPlan(name, Optional.empty());
    }
}
