package dev.gkeinference.constructs.storage;

import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link ModelBucket}. The builder is generated ({@code ModelBucketPropsBuilder}).
 *
 * @param name         globally unique bucket name (see {@link BucketName})
 * @param location     bucket location: a region, dual-region or multi-region. Default: {@value #DEFAULT_LOCATION}
 * @param labels       labels on the bucket. Default: none
 * @param forceDestroy let {@code terraform destroy} delete a bucket that still holds objects.
 *                     Default: false, weights survive a destroy
 * @param versioning   keep noncurrent object versions. Default: false (weights are large and immutable)
 */
@Value.Builder
public record ModelBucketProps(String name, @Nullable String location, Map<String, String> labels,
        @Nullable Boolean forceDestroy, @Nullable Boolean versioning) {

    public static final String DEFAULT_LOCATION = "US";

    public ModelBucketProps {
        Objects.requireNonNull(name, "name");
        location = location == null ? DEFAULT_LOCATION : location;
        requireLocation(location);
        labels = Map.copyOf(labels);
        forceDestroy = Objects.requireNonNullElse(forceDestroy, false);
        versioning = Objects.requireNonNullElse(versioning, false);
    }

    /** Not blank: a region, dual-region or multi-region, which Cloud Storage checks. */
    public static void requireLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException((location == null ? "missing" : "'" + location + "'")
                    + " must be a region, dual-region or multi-region such as " + DEFAULT_LOCATION);
        }
    }

    public static ModelBucketPropsBuilder builder() {
        return new ModelBucketPropsBuilder();
    }
}
