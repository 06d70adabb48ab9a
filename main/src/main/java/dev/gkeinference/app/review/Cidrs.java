package dev.gkeinference.app.review;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 CIDR containment, for subnet ranges that may grow in place. */
final class Cidrs {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    private Cidrs() {
    }

    /** True when {@code after} is a shorter prefix containing {@code before}; false for anything unparsable. */
    static boolean expands(String before, String after) {
        Matcher b = CIDR.matcher(before);
        Matcher a = CIDR.matcher(after);
        if (!b.matches() || !a.matches()) {
            return false;
        }
        int beforePrefix = Integer.parseInt(b.group(5));
        int afterPrefix = Integer.parseInt(a.group(5));
        if (afterPrefix > beforePrefix || afterPrefix > 32) {
            return false;
        }
        long mask = afterPrefix == 0 ? 0 : (0xFFFFFFFFL << (32 - afterPrefix)) & 0xFFFFFFFFL;
        return (address(b) & mask) == (address(a) & mask);
    }

    private static long address(Matcher m) {
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            value = (value << 8) | Integer.parseInt(m.group(i));
        }
        return value;
    }
}
