package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which region a resource belongs to, for the per-region summary: its own {@code region} or {@code location}
 * (a zone counts for its region), else the region its stack is named after ({@code cluster-europe-west4}),
 * else {@value #GLOBAL}.
 */
final class RegionResolver {
    static final String GLOBAL = "global";
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+\\d+");
    private static final Pattern ZONE = Pattern.compile("([a-z]+-[a-z]+\\d+)-[a-z]");
    private static final Pattern STACK_REGION_SUFFIX = Pattern.compile(".*?([a-z]+-[a-z]+\\d+)$");

    private RegionResolver() {
    }

    static String regionOf(String stackId, JsonNode resource) {
        for (String attribute : new String[] {"region", "location", "zone"}) {
            String region = asRegion(resource.path(attribute).asText(""));
            if (region != null) {
                return region;
            }
        }
        Matcher m = STACK_REGION_SUFFIX.matcher(stackId);
        return m.matches() ? m.group(1) : GLOBAL;
    }

    private static String asRegion(String value) {
        if (REGION.matcher(value).matches()) {
            return value;
        }
        Matcher zone = ZONE.matcher(value);
        return zone.matches() ? zone.group(1) : null;
    }
}
