package dev.gkeinference.constructs.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, parsed for validation (format, host bits, overlap). */
public record Cidr(String text, long first, long last) {
    /** The prefixes a VPC subnet (or secondary range) may have. */
    public static final int MIN_SUBNET_PREFIX = 8;
    public static final int MAX_SUBNET_PREFIX = 29;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** A block a VPC subnet can have: {@code /8} to {@code /29}. */
    public static Cidr subnet(String text) {
        Cidr cidr = parse(text);
        int prefix = cidr.prefix();
        if (prefix < MIN_SUBNET_PREFIX || prefix > MAX_SUBNET_PREFIX) {
            throw new IllegalArgumentException("'" + text + "' has prefix /" + prefix + ": allowed are /"
                    + MIN_SUBNET_PREFIX + " to /" + MAX_SUBNET_PREFIX + " for a subnet");
        }
        return cidr;
    }

    /** Parses {@code a.b.c.d/n} ({@code /0} to {@code /32}); rejects bad octets, prefixes and set host bits. */
    public static Cidr parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR block such as 10.0.0.0/20");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' has an octet above 255");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("'" + text + "' has prefix /" + prefix + ": allowed are /0 to /32");
        }
        long size = 1L << (32 - prefix);
        if (address % size != 0) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: did you mean "
                    + format(address - address % size) + "/" + prefix + "?");
        }
        return new Cidr(text, address, address + size - 1);
    }

    /** The prefix length, {@code n} of {@code a.b.c.d/n}. */
    public int prefix() {
        return 32 - Long.numberOfTrailingZeros(last - first + 1);
    }

    public boolean overlaps(Cidr other) {
        return first <= other.last && other.first <= last;
    }

    private static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    @Override
    public String toString() {
        return text;
    }
}
