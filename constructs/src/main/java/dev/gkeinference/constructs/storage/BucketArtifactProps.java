package dev.gkeinference.constructs.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Properties of a {@link BucketArtifact}.
 *
 * @param bucket      the bucket the file is uploaded to
 * @param file        the local file; read at synth time for its content hash and copied into the output
 * @param folder      the object folder in the bucket, without leading or trailing '/', e.g. {@code routing-plugin}
 * @param contentType the object's content type, e.g. {@code application/java-archive}
 */
public record BucketArtifactProps(IBucket bucket, Path file, String folder, String contentType) {

    public BucketArtifactProps {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
        if (folder == null || folder.isBlank() || folder.startsWith("/") || folder.endsWith("/")
                || folder.contains("..")) {
            throw new IllegalArgumentException("invalid artifact folder '" + folder + "': use an object prefix"
                    + " without a leading or trailing '/' and without '..', e.g. routing-plugin");
        }
    }
}
