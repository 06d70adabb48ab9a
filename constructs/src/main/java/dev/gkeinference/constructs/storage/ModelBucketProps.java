package dev.gkeinference.constructs.storage;

import java.util.Map;
import java.util.Objects;

/**
 * Properties of a {@link ModelBucket}.
 *
 * @param name         globally unique bucket name (see {@link BucketName})
 * @param location     bucket location: a region, dual-region or multi-region. Default: {@value #DEFAULT_LOCATION}
 * @param labels       labels on the bucket. Default: none
 * @param forceDestroy let {@code terraform destroy} delete a bucket that still holds objects.
 *                     Default: false, weights survive a destroy
 * @param versioning   keep noncurrent object versions. Default: false (weights are large and immutable)
 */
public record ModelBucketProps(String name, String location, Map<String, String> labels, boolean forceDestroy,
        boolean versioning) {

    public static final String DEFAULT_LOCATION = "US";

    public ModelBucketProps {
        Objects.requireNonNull(name, "name");
        location = location == null ? DEFAULT_LOCATION : location;
        requireLocation(location);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    /** Not blank: a region, dual-region or multi-region, which Cloud Storage checks. */
    public static void requireLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException((location == null ? "missing" : "'" + location + "'")
                    + " must be a region, dual-region or multi-region such as " + DEFAULT_LOCATION);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ModelBucketProps}. */
    public static final class Builder {
        private String name;
        private String location;
        private Map<String, String> labels = Map.of();
        private boolean forceDestroy;
        private boolean versioning;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder forceDestroy(boolean forceDestroy) {
            this.forceDestroy = forceDestroy;
            return this;
        }

        public Builder versioning(boolean versioning) {
            this.versioning = versioning;
            return this;
        }

        public ModelBucketProps build() {
            return new ModelBucketProps(name, location, labels, forceDestroy, versioning);
        }
    }
}
