package dev.gkeinference.bench.gateway;

import java.util.ArrayList;
import java.util.List;

/** A model-server address as the endpoint picker protocol writes it: "ip:port". */
public record Endpoint(String host, int port) {

    public static Endpoint parse(String hostPort) {
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("not ip:port: '" + hostPort + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, Integer.parseInt(s.substring(colon + 1)));
    }

    /** Parses the comma-separated primary-then-fallbacks list of x-gateway-destination-endpoint. */
    public static List<Endpoint> parseList(String value) {
        List<Endpoint> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
