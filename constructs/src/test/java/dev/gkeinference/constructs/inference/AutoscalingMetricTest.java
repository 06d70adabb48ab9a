package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalingMetricTest {

    private static AutoscalingMetricPropsBuilder kvCache() {
        return AutoscalingMetricProps.builder().name("gemma-kv-cache").namespace("inference")
                .selector(Map.of("app", "gemma-server"));
    }

    private static JsonNode synth(AutoscalingMetricProps props) {
        TerraformStack stack = SynthJson.newStack();
        new AutoscalingMetric(stack, "kv-cache", props);
        return Manifests.find(SynthJson.synth(stack), "AutoscalingMetric", "gemma-kv-cache");
    }

    @Test
    void currentSchemaExportsKvCacheToTheLoadBalancer() {
        JsonNode metric = synth(kvCache().build());

        assertEquals("autoscaling.gke.io/v1beta1", metric.path("apiVersion").asText());
        JsonNode spec = metric.path("spec");
        assertEquals(List.of("metrics"), fieldNames(spec), "nothing of the legacy form");
        assertEquals(1, spec.path("metrics").size());
        JsonNode pod = spec.at("/metrics/0/pod");
        assertEquals("gemma-server", pod.at("/selector/matchLabels/app").asText());
        JsonNode container = pod.at("/containers/0");
        assertEquals(8000, container.at("/endpoint/port").asInt());
        assertEquals("/metrics", container.at("/endpoint/path").asText());
        JsonNode gauge = container.at("/metrics/0/gauge");
        assertEquals("kv-cache", gauge.path("name").asText(), "the load balancer's gke.named_metrics.kv-cache");
        assertEquals("vllm:kv_cache_usage_perc", gauge.path("prometheusMetricName").asText());
        assertTrue(gauge.at("/loadBalancing/enabled").asBoolean());
        assertEquals("gke.named_metrics.kv-cache", MetricExport.VLLM_KV_CACHE.loadBalancerMetric());
    }

    @Test
    void everyMetricIsAGaugeOfTheSameContainer() {
        JsonNode metric = synth(kvCache().metrics(List.of(MetricExport.VLLM_KV_CACHE,
                new MetricExport("vllm:num_requests_waiting_ratio", "queue"))).build());

        JsonNode gauges = metric.at("/spec/metrics/0/pod/containers/0/metrics");
        assertEquals(2, gauges.size());
        assertEquals("queue", gauges.get(1).at("/gauge/name").asText());
        assertEquals("vllm:num_requests_waiting_ratio", gauges.get(1).at("/gauge/prometheusMetricName").asText());
    }

    @Test
    void legacySchemaForOlderClusters() {
        JsonNode metric = synth(kvCache().schema(AutoscalingMetricSchema.LEGACY).build());

        JsonNode spec = metric.path("spec");
        assertEquals(List.of("endpoints", "selector"), fieldNames(spec).stream().sorted().toList());
        assertEquals("gemma-server", spec.at("/selector/matchLabels/app").asText());
        JsonNode endpoint = spec.at("/endpoints/0");
        assertEquals(8000, endpoint.path("port").asInt());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertEquals("vllm:kv_cache_usage_perc", endpoint.at("/metrics/0/name").asText());
        assertEquals("kv-cache", endpoint.at("/metrics/0/exportName").asText());
    }

    @Test
    void schemasAreNamedWithTheirGkeMinimum() {
        assertEquals(AutoscalingMetricSchema.CURRENT, AutoscalingMetricSchema.fromValue("current"));
        assertEquals(AutoscalingMetricSchema.LEGACY, AutoscalingMetricSchema.fromValue("legacy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoscalingMetricSchema.fromValue("new"));
        assertTrue(e.getMessage().startsWith("'new' is not an AutoscalingMetric form: allowed are current (GKE "),
                e.getMessage());
        assertEquals("1.35.1-gke.1396000", AutoscalingMetricSchema.CURRENT.minimumGkeVersion());
    }

    @Test
    void selectorKeysAreLettersDigitsDashesAndUnderscores() {
        kvCache().selector(Map.of("model_server-2", "gemma")).build();
        for (String key : List.of("app.kubernetes.io/name", "example.com/app", "a.b", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kvCache().selector(Map.of(key, "gemma")).build(), key);
            assertTrue(e.getMessage().contains("'" + key + "'") && e.getMessage().contains("letters, digits, '-'"),
                    e.getMessage());
        }
    }

    @Test
    void failsOnTooManyOrDuplicateExports() {
        assertThrows(IllegalArgumentException.class, () -> kvCache().metrics(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> kvCache().metrics(List.of(MetricExport.VLLM_KV_CACHE,
                new MetricExport("vllm:gpu_cache_usage_perc", "kv-cache"))).build());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
