package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagParserTest {

    @Test
    void defaultsFollowTheUpstreamPicker() {
        Flags f = FlagParser.parse("--pool-name", "qwen");
        assertEquals(new Flags.Ports(9002, 9003, 9090), f.ports());
        assertEquals(Duration.ofMillis(50), f.scraping().refreshInterval());
        assertEquals(Duration.ofSeconds(2), f.scraping().stalenessThreshold());
        assertEquals(new Flags.Scraping(Duration.ofMillis(50), Duration.ofSeconds(2), 0, "/metrics", "http", true),
                f.scraping());
        assertTrue(f.serving().secure());
        assertTrue(f.serving().subsetHints());
        assertEquals(Duration.ofSeconds(30), f.serving().drainTimeout());
        assertEquals(-1, f.serving().maxReceiveBytes());
        assertTrue(f.metricsEndpointAuth(), "metrics auth is on by default");
        assertFalse(f.leaderElection());
        assertTrue(f.endpoints().kubernetes());
    }

    @Test
    void staticEndpointsWithoutAKubernetesApiNeedMetricsAuthTurnedOff() {
        String message = assertThrows(UsageException.class,
                () -> FlagParser.parse("--static-endpoints=10.0.0.1:8000")).getMessage();
        assertTrue(message.contains("--metrics-endpoint-auth=false"), message);
        Flags f = FlagParser.parse("--static-endpoints", "10.0.0.1:8000,[fd00::1]:8000", "--metrics-endpoint-auth=false");
        assertEquals(List.of(new Endpoint("10.0.0.1", 8000), new Endpoint("fd00::1", 8000)), f.endpoints().statics());
        assertFalse(f.endpoints().kubernetes());
    }

    @Test
    void acceptsBothValueFormsOneOrTwoDashesAndBareBooleans() {
        Flags f = FlagParser.parse("--pool-name=qwen", "-pool-namespace", "serving", "--grpc-port=0",
                "-secure-serving=false", "--refresh-metrics-interval=100ms", "--metrics-staleness-threshold", "1.5s",
                "--verbose", "--drain-timeout=1m30s", "--grpc-max-recv-msg-size=10MiB", "--disable-endpoint-subset-filter");
        assertEquals("qwen", f.endpoints().poolName());
        assertEquals("serving", f.endpoints().namespace());
        assertEquals(0, f.ports().grpc());
        assertFalse(f.serving().secure());
        assertEquals(Duration.ofMillis(100), f.scraping().refreshInterval());
        assertEquals(Duration.ofMillis(1500), f.scraping().stalenessThreshold());
        assertEquals(Duration.ofSeconds(90), f.serving().drainTimeout());
        assertEquals(10L << 20, f.serving().maxReceiveBytes());
        assertFalse(f.serving().subsetHints());
        assertTrue(f.verbose());
    }

    @Test
    void theUpstreamPickersManifestArgumentsParse() {
        // As the llm-d-router chart renders them for a 2-replica EPP, plus flags its values commonly add.
        Flags f = FlagParser.parse("--pool-name", "gemma3", "--pool-namespace", "inference", "--pool-group",
                "inference.networking.k8s.io", "--zap-encoder", "json", "--ha-enable-leader-election",
                "--grpc-health-port", "9003", "--tracing=false", "--metrics-endpoint-auth=false", "-v=4",
                "--enable-pprof=false", "--refresh-prometheus-metrics-interval=5s", "--secure-serving=true");
        assertTrue(f.leaderElection());
        assertFalse(f.metricsEndpointAuth());
        assertEquals(List.of("zap-encoder", "tracing", "v", "enable-pprof", "refresh-prometheus-metrics-interval"),
                f.ignored(), "accepted, not implemented, reported");
    }

    @Test
    void endpointSelectorModeAndModelServerMetricsFlags() {
        Flags f = FlagParser.parse("--endpoint-selector", "app=vllm,tier in (a, b),!canary", "--endpoint-target-ports",
                "8000,8001,8000", "--model-server-metrics-port=9400", "--model-server-metrics-path=/v1/metrics",
                "--model-server-metrics-scheme=https", "--model-server-metrics-https-insecure-skip-verify=false");
        assertNull(f.endpoints().poolName());
        assertEquals("app=vllm,tier in (a, b),!canary", f.endpoints().selector());
        assertEquals(List.of(8000, 8001), f.endpoints().targetPorts());
        assertEquals(new Flags.Scraping(Duration.ofMillis(50), Duration.ofSeconds(2), 9400, "/v1/metrics", "https",
                false), f.scraping());
    }

    @Test
    void rejectsBadInputWithAMessageNamingTheFlag() {
        assertMessage("unknown flag --pool", "--pool=x");
        assertMessage("one of --pool-name, --endpoint-selector or --static-endpoints is required");
        assertMessage("--grpc-port must be a port number 0..65535, got '70000'", "--pool-name=p", "--grpc-port=70000");
        assertMessage("--secure-serving must be true or false, got 'yes'", "--pool-name=p", "--secure-serving=yes");
        assertMessage("--refresh-metrics-interval must be a duration such as 50ms", "--pool-name=p",
                "--refresh-metrics-interval=50");
        assertMessage("--static-endpoints: endpoint '10.0.0.1' is not ip:port", "--static-endpoints=10.0.0.1");
        assertMessage("--pool-name, --endpoint-selector and --static-endpoints exclude each other", "--pool-name=p",
                "--static-endpoints=1.2.3.4:80");
        assertMessage("--config-file: no readable file at '/nonexistent.yaml'", "--pool-name=p",
                "--config-file=/nonexistent.yaml");
        assertMessage("--config-file and --config-text exclude each other", "--pool-name=p", "--config-text=x: 1",
                "--config-file=pom.xml");
        assertMessage("--cert-path: '/nonexistent' must be a directory holding tls.crt and tls.key", "--pool-name=p",
                "--cert-path=/nonexistent");
        assertMessage("--grpc-port needs a value", "--pool-name=p", "--grpc-port");
        assertMessage("unexpected argument 'extra'", "--pool-name=p", "extra");
        assertMessage("--pool-name given twice", "--pool-name=p", "--pool-name=q");
        assertMessage("--pool-group must be one of inference.networking.k8s.io, got 'inference.networking.x-k8s.io'",
                "--pool-name=p", "--pool-group=inference.networking.x-k8s.io");
        assertMessage("--endpoint-selector needs --endpoint-target-ports", "--endpoint-selector=app=vllm");
        assertMessage("--endpoint-target-ports goes with --endpoint-selector", "--pool-name=p",
                "--endpoint-target-ports=8000");
        assertMessage("--endpoint-selector: 'app=(x' is not a label selector term", "--endpoint-selector=app=(x",
                "--endpoint-target-ports=8000");
        assertMessage("--ha-enable-leader-election needs Kubernetes", "--static-endpoints=1.2.3.4:80",
                "--metrics-endpoint-auth=false", "--ha-enable-leader-election");
        assertMessage("--model-server-metrics-scheme must be one of http, https, got 'ftp'", "--pool-name=p",
                "--model-server-metrics-scheme=ftp");
        assertMessage("--grpc-max-recv-msg-size must be a size such as 4194304, 10MiB or 25MB, got 'lots'",
                "--pool-name=p", "--grpc-max-recv-msg-size=lots");
        assertMessage("flag --kv-cache-usage-percentage-metric is deprecated and cannot be used", "--pool-name=p",
                "--kv-cache-usage-percentage-metric=vllm:x");
        assertMessage("--drain-timeout must be a duration", "--pool-name=p", "--drain-timeout=soon");
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> FlagParser.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
