package dev.gkeinference.constructs.kubernetes;

/** The rule for container images this library deploys: pinned, so a rebuild runs what was reviewed. */
public final class ContainerImages {
    private ContainerImages() {
    }

    /** Whether an image names a fixed build: a digest, or a tag other than {@code latest}. */
    public static boolean isPinned(String image) {
        String lastPart = image == null ? "" : image.substring(image.lastIndexOf('/') + 1);
        return lastPart.contains("@sha256:") || lastPart.contains(":") && !lastPart.endsWith(":latest");
    }

    /**
     * Fails unless the image is pinned.
     *
     * @param example a pinned image of the same kind, for the message
     */
    public static String requirePinned(String image, String example) {
        if (!isPinned(image)) {
            throw new IllegalArgumentException((image == null ? "missing" : "'" + image + "'") + " is not pinned:"
                    + " give a tag other than latest, or a digest, e.g. " + example);
        }
        return image;
    }
}
