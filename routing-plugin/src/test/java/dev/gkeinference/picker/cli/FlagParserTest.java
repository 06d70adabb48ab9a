package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagParserTest {

    @Test
    void defaultsFollowTheReferenceEndpointPicker() {
        Flags f = FlagParser.parse("--static-endpoints", "10.0.0.1:8000,[fd00::1]:8000");
        assertEquals(9002, f.grpcPort());
        assertEquals(9003, f.grpcHealthPort());
        assertEquals(9090, f.metricsPort());
        assertEquals(Duration.ofMillis(50), f.refreshMetricsInterval());
        assertEquals(Duration.ofSeconds(2), f.metricsStalenessThreshold());
        assertTrue(f.secureServing());
        assertEquals(List.of(new Endpoint("10.0.0.1", 8000), new Endpoint("fd00::1", 8000)), f.staticEndpoints());
        assertEquals("[fd00::1]:8000", f.staticEndpoints().get(1).hostPort());
    }

    @Test
    void acceptsBothValueFormsAndBareBooleans() {
        Flags f = FlagParser.parse("--pool-name=qwen", "--pool-namespace", "serving", "--grpc-port=0",
                "--secure-serving=false", "--refresh-metrics-interval=100ms", "--metrics-staleness-threshold", "1.5s",
                "--verbose");
        assertEquals("qwen", f.poolName());
        assertEquals("serving", f.poolNamespace());
        assertEquals(0, f.grpcPort());
        assertFalse(f.secureServing());
        assertEquals(Duration.ofMillis(100), f.refreshMetricsInterval());
        assertEquals(Duration.ofMillis(1500), f.metricsStalenessThreshold());
        assertTrue(f.verbose());
        assertTrue(f.kubernetesMode());
    }

    @Test
    void rejectsBadInputWithAMessageNamingTheFlag() {
        assertMessage("unknown flag --pool", "--pool=x");
        assertMessage("one of --pool-name or --static-endpoints is required");
        assertMessage("--grpc-port must be a port number 0..65535, got '70000'", "--pool-name=p", "--grpc-port=70000");
        assertMessage("--secure-serving must be true or false, got 'yes'", "--pool-name=p", "--secure-serving=yes");
        assertMessage("--refresh-metrics-interval must be a duration such as 50ms", "--pool-name=p",
                "--refresh-metrics-interval=50");
        assertMessage("--static-endpoints: endpoint '10.0.0.1' is not ip:port", "--static-endpoints=10.0.0.1");
        assertMessage("--pool-name and --static-endpoints exclude each other", "--pool-name=p",
                "--static-endpoints=1.2.3.4:80");
        assertMessage("--config-file: no readable file at '/nonexistent.yaml'", "--pool-name=p",
                "--config-file=/nonexistent.yaml");
        assertMessage("--cert-path: '/nonexistent' must be a directory holding tls.crt and tls.key", "--pool-name=p",
                "--cert-path=/nonexistent");
        assertMessage("--grpc-port needs a value", "--pool-name=p", "--grpc-port");
        assertMessage("unexpected argument 'extra'", "--pool-name=p", "extra");
        assertMessage("--pool-name given twice", "--pool-name=p", "--pool-name=q");
    }

    private static void assertMessage(String expectedStart, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> FlagParser.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
