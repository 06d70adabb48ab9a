package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --flag=value}, {@code --flag value}, bare boolean {@code --flag}, and the same with one dash, as the
 * upstream picker (Go flags) does. Besides its own flags it accepts the upstream picker's common flags, so the jar
 * can stand in for its image: those it implements act, those it does not are accepted and reported in
 * {@link Flags#ignored()}. Anything else is a usage error.
 */
public final class FlagParser {

    public static final String USAGE = """
            Usage: java -jar routing-plugin.jar [flags]
              An Envoy ext_proc endpoint picker for an InferencePool (Gateway API Inference Extension).

            Endpoints (exactly one of --pool-name, --endpoint-selector, --static-endpoints):
              --pool-name NAME                    InferencePool to serve (Kubernetes)
              --pool-namespace NS                 its namespace (default: $NAMESPACE, $POD_NAMESPACE or "default")
              --pool-group GROUP                  InferencePool API group (only inference.networking.k8s.io)
              --endpoint-selector SELECTOR        or: model-server pods by label selector (Kubernetes), with
              --endpoint-target-ports N,...       their ports (1 to 8)
              --static-endpoints IP:PORT,...      or: fixed endpoints, no Kubernetes
              --kubeconfig FILE                   kubeconfig (default: in-cluster, $KUBECONFIG or ~/.kube/config)
            Serving:
              --grpc-port N                       ext_proc port (default 9002; 0 = any free port)
              --grpc-health-port N                gRPC health port (default 9003)
              --metrics-port N                    Prometheus /metrics port (default 9090)
              --bind-address IP                   address the three ports listen on (default 0.0.0.0)
              --secure-serving[=true|false]       TLS on the ext_proc port (default true)
              --cert-path DIR                     directory with tls.crt and tls.key (default: self-signed)
              --grpc-max-recv-msg-size SIZE       largest ext_proc message, e.g. 10MiB (default: body limit + 1MiB)
              --disable-endpoint-subset-filter    ignore the proxy's endpoint subset hint
              --drain-timeout DUR                 after SIGTERM, keep serving this long, NOT_SERVING (default 30s)
              --metrics-endpoint-auth[=bool]      /metrics needs a bearer token allowed to get /metrics, checked with
                                                  TokenReview and SubjectAccessReview (default true)
              --ha-enable-leader-election         replicas elect a leader with a Lease; only it reports ready
            Scheduling and model-server metrics:
              --config-file FILE | --config-text YAML   scheduling config (default: built-in tuned defaults)
              --refresh-metrics-interval DUR      model-server scrape interval (default 50ms)
              --metrics-staleness-threshold DUR   older metrics count as stale (default 2s)
              --model-server-metrics-port N       scrape this port (default: each endpoint's own port)
              --model-server-metrics-path PATH    (default /metrics)
              --model-server-metrics-scheme S     http or https (default http)
              --model-server-metrics-https-insecure-skip-verify[=bool]  (default true)
            Other:
              --verbose                           log details and stack traces
              --help                              print this and exit
              Durations: a number with unit ns, us, ms, s, m or h, e.g. 50ms, 2s.
              Accepted for the upstream picker's manifests but not implemented (logged at start): --tracing,
              --health-checking, --enable-pprof, --enable-cert-reload, --allow-experimental-plugins,
              --emit-endpoint-scores, --enable-grpc-stream-metrics, --refresh-prometheus-metrics-interval,
              --grpc-max-send-msg-size, --tls-min-version, --tls-cipher-suites, --metrics-cert-dir,
              --metrics-client-ca-file, -v, --zap-encoder, --zap-log-level, --zap-devel, --zap-stacktrace-level,
              --zap-time-encoding.
            """;

    private static final String POOL_GROUP = "inference.networking.k8s.io";
    private static final Set<String> VALUE_FLAGS = Set.of("grpc-port", "grpc-health-port", "metrics-port",
            "pool-name", "pool-namespace", "pool-group", "endpoint-selector", "endpoint-target-ports",
            "static-endpoints", "kubeconfig", "bind-address", "config-file", "config-text", "refresh-metrics-interval",
            "metrics-staleness-threshold", "cert-path", "drain-timeout", "grpc-max-recv-msg-size",
            "model-server-metrics-port", "model-server-metrics-path", "model-server-metrics-scheme");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("secure-serving", "metrics-endpoint-auth",
            "ha-enable-leader-election", "disable-endpoint-subset-filter",
            "model-server-metrics-https-insecure-skip-verify", "verbose", "help");
    private static final Set<String> IGNORED_VALUE_FLAGS = Set.of("refresh-prometheus-metrics-interval",
            "grpc-max-send-msg-size", "tls-min-version", "tls-cipher-suites", "metrics-cert-dir",
            "metrics-client-ca-file", "v", "zap-encoder", "zap-log-level", "zap-stacktrace-level", "zap-time-encoding");
    private static final Set<String> IGNORED_BOOLEAN_FLAGS = Set.of("tracing", "health-checking", "enable-pprof",
            "enable-cert-reload", "allow-experimental-plugins", "emit-endpoint-scores", "enable-grpc-stream-metrics",
            "zap-devel");
    /** Rejected by the upstream picker too: its metric names come from its config; ours are vLLM's. */
    private static final Set<String> DEPRECATED_FLAGS = Set.of("total-queued-requests-metric",
            "total-running-requests-metric", "kv-cache-usage-percentage-metric", "lora-info-metric",
            "cache-info-metric");

    private FlagParser() {
    }

    public static Flags parse(String... args) {
        Map<String, String> collected = collect(args);
        FlagValues values = new FlagValues(collected);
        boolean help = values.bool("help", false);
        Flags.Endpoints endpoints = endpoints(values, help);
        boolean kubernetesApi = endpoints.kubernetes() || values.has("kubeconfig")
                || System.getenv("KUBERNETES_SERVICE_HOST") != null;
        boolean metricsAuth = values.bool("metrics-endpoint-auth", true);
        if (!help && metricsAuth && !kubernetesApi) {
            throw new UsageException("--metrics-endpoint-auth (on by default) checks scrapers' tokens with the"
                    + " Kubernetes API, and none is configured: give --kubeconfig, run in a cluster, or pass"
                    + " --metrics-endpoint-auth=false");
        }
        boolean leaderElection = values.bool("ha-enable-leader-election", false);
        if (leaderElection && !endpoints.kubernetes()) {
            throw new UsageException("--ha-enable-leader-election needs Kubernetes (--pool-name or"
                    + " --endpoint-selector), not --static-endpoints");
        }
        if (values.has("config-file") && values.has("config-text")) {
            throw new UsageException("--config-file and --config-text exclude each other; give one");
        }
        return new Flags(new Flags.Ports(values.port("grpc-port", 9002), values.port("grpc-health-port", 9003),
                values.port("metrics-port", 9090)), values.text("bind-address", "0.0.0.0"), endpoints,
                values.existingFile("kubeconfig"), values.existingFile("config-file"), collected.get("config-text"),
                scraping(values), serving(values), metricsAuth, leaderElection, ignored(collected),
                values.bool("verbose", false), help);
    }

    private static Flags.Endpoints endpoints(FlagValues values, boolean help) {
        List<Endpoint> statics = values.endpoints("static-endpoints");
        String poolName = values.text("pool-name");
        String selector = values.labelSelector("endpoint-selector");
        List<Integer> targetPorts = values.ports("endpoint-target-ports");
        int given = (statics.isEmpty() ? 0 : 1) + (poolName == null ? 0 : 1) + (selector == null ? 0 : 1);
        if (!help && given != 1) {
            throw new UsageException(given == 0
                    ? "one of --pool-name, --endpoint-selector or --static-endpoints is required"
                    : "--pool-name, --endpoint-selector and --static-endpoints exclude each other; give one");
        }
        if (selector != null && targetPorts.isEmpty()) {
            throw new UsageException("--endpoint-selector needs --endpoint-target-ports (1 to 8 ports)");
        }
        if (selector == null && !targetPorts.isEmpty()) {
            throw new UsageException("--endpoint-target-ports goes with --endpoint-selector (an InferencePool names"
                    + " its own target ports)");
        }
        values.oneOf("pool-group", POOL_GROUP, Set.of(POOL_GROUP));
        return new Flags.Endpoints(poolName, namespace(values.text("pool-namespace")), selector, targetPorts, statics);
    }

    private static Flags.Scraping scraping(FlagValues values) {
        String path = values.text("model-server-metrics-path", "/metrics");
        if (!path.startsWith("/")) {
            throw new UsageException("--model-server-metrics-path must start with /, got '" + path + "'");
        }
        return new Flags.Scraping(
                values.duration("refresh-metrics-interval", Duration.ofMillis(50), Duration.ofMillis(1)),
                values.duration("metrics-staleness-threshold", Duration.ofSeconds(2), Duration.ofMillis(1)),
                values.port("model-server-metrics-port", 0), path,
                values.oneOf("model-server-metrics-scheme", "http", Set.of("http", "https")),
                values.bool("model-server-metrics-https-insecure-skip-verify", true));
    }

    private static Flags.Serving serving(FlagValues values) {
        return new Flags.Serving(values.bool("secure-serving", true), values.certDirectory("cert-path"),
                values.size("grpc-max-recv-msg-size"), !values.bool("disable-endpoint-subset-filter", false),
                values.duration("drain-timeout", Duration.ofSeconds(30), Duration.ZERO));
    }

    private static List<String> ignored(Map<String, String> collected) {
        List<String> out = new ArrayList<>();
        for (String name : collected.keySet()) {
            if (IGNORED_VALUE_FLAGS.contains(name) || IGNORED_BOOLEAN_FLAGS.contains(name)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> collect(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int dashes = arg.startsWith("--") ? 2 : arg.startsWith("-") ? 1 : 0;
            if (dashes == 0 || arg.length() == dashes) {
                throw new UsageException("unexpected argument '" + arg + "'; flags start with --");
            }
            String body = arg.substring(dashes);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value;
            if (DEPRECATED_FLAGS.contains(name)) {
                throw new UsageException("flag --" + name + " is deprecated and cannot be used (as in the upstream"
                        + " picker); this picker reads vLLM's metric names");
            } else if (BOOLEAN_FLAGS.contains(name) || IGNORED_BOOLEAN_FLAGS.contains(name)) {
                value = eq < 0 ? "true" : body.substring(eq + 1);
            } else if (VALUE_FLAGS.contains(name) || IGNORED_VALUE_FLAGS.contains(name)) {
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

    private static String namespace(String v) {
        if (v != null) {
            return v;
        }
        for (String env : List.of("NAMESPACE", "POD_NAMESPACE")) {
            String fromEnv = System.getenv(env);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
        }
        return "default";
    }
}
