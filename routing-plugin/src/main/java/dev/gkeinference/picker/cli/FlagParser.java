package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses {@code --flag=value}, {@code --flag value} and bare boolean {@code --flag}; rejects anything else. */
public final class FlagParser {

    public static final String USAGE = """
            Usage: java -jar routing-plugin.jar [flags]
              An Envoy ext_proc endpoint picker for an InferencePool (Gateway API Inference Extension).

              --pool-name NAME                    InferencePool to serve (Kubernetes mode)
              --pool-namespace NS                 its namespace (default: $POD_NAMESPACE or "default")
              --static-endpoints IP:PORT,...      fixed endpoints instead of Kubernetes discovery
              --kubeconfig FILE                   kubeconfig to use (default: in-cluster or ~/.kube/config)
              --grpc-port N                       ext_proc port (default 9002; 0 = any free port)
              --grpc-health-port N                gRPC health port (default 9003; 0 = any free port)
              --metrics-port N                    Prometheus /metrics port (default 9090; 0 = any free port)
              --bind-address IP                   address the three ports listen on (default 0.0.0.0)
              --config-file FILE                  scheduling config YAML (default: built-in tuned defaults)
              --refresh-metrics-interval DUR      model-server scrape interval (default 50ms)
              --metrics-staleness-threshold DUR   older metrics count as stale (default 2s)
              --secure-serving[=true|false]       TLS on the ext_proc port (default true)
              --cert-path DIR                     directory with tls.crt and tls.key (default: self-signed)
              --verbose                           log details and stack traces
              --help                              print this and exit
              Durations: a number with unit ns, us, ms, s, m or h, e.g. 50ms, 2s.
            """;

    private static final Set<String> VALUE_FLAGS = Set.of("grpc-port", "grpc-health-port", "metrics-port",
            "pool-name", "pool-namespace", "static-endpoints", "config-file", "refresh-metrics-interval",
            "metrics-staleness-threshold", "cert-path", "bind-address", "kubeconfig");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("secure-serving", "verbose", "help");

    private FlagParser() {
    }

    public static Flags parse(String... args) {
        Map<String, String> values = collect(args);
        boolean help = bool(values, "help", false);
        List<Endpoint> statics = staticEndpoints(values.get("static-endpoints"));
        String poolName = values.get("pool-name");
        if (!help && statics.isEmpty() && (poolName == null || poolName.isBlank())) {
            throw new UsageException("one of --pool-name or --static-endpoints is required");
        }
        if (!statics.isEmpty() && poolName != null) {
            throw new UsageException("--pool-name and --static-endpoints exclude each other; give one");
        }
        Duration refresh = duration(values, "refresh-metrics-interval", Duration.ofMillis(50));
        Duration staleness = duration(values, "metrics-staleness-threshold", Duration.ofSeconds(2));
        boolean secure = bool(values, "secure-serving", true);
        Path certPath = certPath(values.get("cert-path"));
        return new Flags(port(values, "grpc-port", 9002), port(values, "grpc-health-port", 9003),
                port(values, "metrics-port", 9090), poolName, namespace(values.get("pool-namespace")), statics,
                existingFile(values.get("config-file"), "--config-file"), refresh, staleness, secure, certPath,
                values.getOrDefault("bind-address", "0.0.0.0"), existingFile(values.get("kubeconfig"), "--kubeconfig"),
                bool(values, "verbose", false), help);
    }

    private static Map<String, String> collect(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'; flags start with --");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value;
            if (BOOLEAN_FLAGS.contains(name)) {
                value = eq < 0 ? "true" : body.substring(eq + 1);
            } else if (VALUE_FLAGS.contains(name)) {
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unknown flag --" + name);
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return values;
    }

    private static int port(Map<String, String> values, String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a port number 0..65535, got '" + v + "'");
    }

    private static boolean bool(Map<String, String> values, String name, boolean fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, got '" + v + "'");
        };
    }

    /** Go-style durations, as the reference EPP's flags take them: 50ms, 2s, 1m, 1500us. */
    static Duration duration(Map<String, String> values, String name, Duration fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String s = v.trim();
        int unitAt = 0;
        while (unitAt < s.length() && (Character.isDigit(s.charAt(unitAt)) || s.charAt(unitAt) == '.')) {
            unitAt++;
        }
        double amount;
        try {
            amount = Double.parseDouble(s.substring(0, unitAt));
        } catch (NumberFormatException e) {
            throw durationError(name, v);
        }
        long nanosPerUnit = switch (s.substring(unitAt)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw durationError(name, v);
        };
        Duration d = Duration.ofNanos((long) (amount * nanosPerUnit));
        if (d.isZero() || d.compareTo(Duration.ofMillis(1)) < 0) {
            throw new UsageException("--" + name + " must be at least 1ms, got '" + v + "'");
        }
        return d;
    }

    private static UsageException durationError(String name, String v) {
        return new UsageException("--" + name + " must be a duration such as 50ms or 2s (units ns, us, ms, s, m, h), got '"
                + v + "'");
    }

    private static List<Endpoint> staticEndpoints(String v) {
        List<Endpoint> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Endpoint.parse(part));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--static-endpoints: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--static-endpoints must list at least one ip:port");
        }
        return List.copyOf(out);
    }

    private static String namespace(String v) {
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        String fromEnv = System.getenv("POD_NAMESPACE");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "default";
    }

    private static Path existingFile(String v, String flag) {
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException(flag + ": no readable file at '" + v + "'");
        }
        return p;
    }

    private static Path certPath(String v) {
        if (v == null) {
            return null;
        }
        Path dir = Path.of(v);
        for (String name : List.of("tls.crt", "tls.key")) {
            if (!Files.isReadable(dir.resolve(name))) {
                throw new UsageException("--cert-path: '" + v + "' must be a directory holding tls.crt and tls.key; "
                        + name + " is missing");
            }
        }
        return dir;
    }
}
