package dev.gkeinference.constructs.storage;

import com.hashicorp.cdktf.AssetType;
import com.hashicorp.cdktf.TerraformAsset;
import com.hashicorp.cdktf.providers.google.storage_bucket_object.StorageBucketObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.constructs.Construct;

/**
 * A local file uploaded to a bucket under a content-addressed name: {@code <folder>/<stem>-<hash>.<extension>},
 * where the hash is the first {@value #HASH_CHARS} hex digits of the file's SHA-256. The file is a Terraform asset
 * (cdktf copies it into the output), so the plan needs no access to the build tree. Changed bytes give a new object
 * name, so whatever runs the file and names it changes too: a Deployment whose arguments name the object rolls.
 */
public class BucketArtifact extends Construct {
    /** Hex digits of the SHA-256 in the object name: 64 bits, no collision between builds in practice. */
    public static final int HASH_CHARS = 16;

    private final String objectName;
    private final String bucketName;
    private final StorageBucketObject object;

    public BucketArtifact(Construct scope, String id, BucketArtifactProps props) {
        super(scope, id);
        Path file = props.file().toAbsolutePath().normalize();
        this.bucketName = props.bucket().bucketName();
        this.objectName = props.folder() + "/" + hashedFileName(file.getFileName().toString(), sha256(file));
        TerraformAsset asset = TerraformAsset.Builder.create(this, "asset")
                .path(file.toString())
                .type(AssetType.FILE)
                .build();
        this.object = StorageBucketObject.Builder.create(this, "object")
                .bucket(bucketName)
                .name(objectName)
                .source(asset.getPath())
                .contentType(props.contentType())
                .build();
    }

    /** {@code picker.jar} with hash {@code 0123…} → {@code picker-0123456789abcdef.jar}. */
    static String hashedFileName(String fileName, String sha256Hex) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot <= 0 ? fileName : fileName.substring(0, dot);
        String extension = dot <= 0 ? "" : fileName.substring(dot);
        return stem + "-" + sha256Hex.substring(0, HASH_CHARS) + extension;
    }

    /** The file's SHA-256 in lower-case hex. */
    public static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to upload it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The object name in the bucket, e.g. {@code routing-plugin/routing-plugin-0123456789abcdef.jar}. */
    public String objectName() {
        return objectName;
    }

    /** The object's file name without its folder. */
    public String fileName() {
        return objectName.substring(objectName.lastIndexOf('/') + 1);
    }

    public String bucketName() {
        return bucketName;
    }

    public StorageBucketObject resource() {
        return object;
    }
}
