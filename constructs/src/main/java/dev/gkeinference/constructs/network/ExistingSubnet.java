package dev.gkeinference.constructs.network;

import java.util.regex.Pattern;

/**
 * A node subnet that exists already, with the names of its secondary ranges.
 *
 * @param name         the subnet's name, in the region it is used for
 * @param podRange     its secondary range for pod IPs
 * @param serviceRange its secondary range for Service IPs
 */
public record ExistingSubnet(String name, String podRange, String serviceRange) {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    public ExistingSubnet {
        requireName(name, "subnet");
        requireName(podRange, "secondary range");
        requireName(serviceRange, "secondary range");
        if (podRange.equals(serviceRange)) {
            throw new IllegalArgumentException("'" + podRange + "' names both secondary ranges: pods and Services"
                    + " need one each");
        }
    }

    /** A subnet or secondary range name: 1-63 lower-case letters, digits or '-', starting with a letter. */
    public static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException((name == null ? "missing" : "'" + name + "'") + " is not a " + what
                    + " name (1-63 lower-case letters, digits or '-', starting with a letter)");
        }
    }
}
