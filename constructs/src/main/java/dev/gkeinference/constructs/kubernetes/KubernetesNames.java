package dev.gkeinference.constructs.kubernetes;

import java.util.regex.Pattern;

/** Checks of Kubernetes object names, so that a bad name fails at synth time rather than at apply time. */
public final class KubernetesNames {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesNames() {
    }

    /**
     * An RFC 1123 label (namespaces, services, ports' owners): at most 63 characters.
     *
     * @param what what the name names, for the message, e.g. {@code "namespace name"}
     */
    public static String requireLabel(String what, String value) {
        if (value == null || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "': use at most 63 lower-case"
                    + " letters, digits or '-', starting and ending with a letter or digit");
        }
        return value;
    }

    /** An RFC 1123 subdomain (most object names): at most 253 characters, labels separated by '.'. */
    public static String requireSubdomain(String what, String value) {
        if (value == null || value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "': use at most 253 lower-case"
                    + " letters, digits, '-' or '.', starting and ending with a letter or digit");
        }
        return value;
    }
}
