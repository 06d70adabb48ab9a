package dev.gkeinference.constructs.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, parsed for validation (format, host bits, overlap). */
public record Cidr(String text, long first, long last) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** Parses {@code a.b.c.d/n}; rejects bad octets, prefixes and set host bits. */
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
        if (prefix < 8 || prefix > 29) {
            throw new IllegalArgumentException("'" + text + "' has prefix /" + prefix + ": allowed are /8 to /29");
        }
        long size = 1L << (32 - prefix);
        if (address % size != 0) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: did you mean "
                    + format(address - address % size) + "/" + prefix + "?");
        }
        return new Cidr(text, address, address + size - 1);
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
