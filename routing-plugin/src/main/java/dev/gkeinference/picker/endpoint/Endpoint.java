package dev.gkeinference.picker.endpoint;

import java.util.Objects;

/**
 * One model-server endpoint: a pod IP and a target port. {@link #hostPort()} is the exact string the gateway
 * receives in {@code x-gateway-destination-endpoint} (IPv6 in brackets, like Go's net.JoinHostPort).
 */
public record Endpoint(String ip, int port) {

    public Endpoint {
        Objects.requireNonNull(ip, "ip");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    public String hostPort() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /**
     * Parses {@code ip:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Endpoint parse(String text) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' is not ip:port");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("endpoint '" + text + "': write IPv6 addresses as [addr]:port");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint '" + text + "': port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint '" + text + "': port must be 1..65535");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + text + "': empty address");
        }
        return new Endpoint(host, port);
    }

    /** The IP part of an {@code ip:port} string; subset hints are matched by IP only. */
    public static String ipOf(String hostPort) {
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        if (colon > 0 && s.indexOf(':') == colon) {
            return s.substring(0, colon);
        }
        return s; // a bare IPv4 or IPv6 address without port
    }
}
