package dev.gkeinference.bench.gateway;

/** One HTTP header; names are lower case, as in HTTP/2 and in ext_proc header maps. */
public record Header(String name, String value) {
    public Header {
        name = name.toLowerCase(java.util.Locale.ROOT);
    }
}
