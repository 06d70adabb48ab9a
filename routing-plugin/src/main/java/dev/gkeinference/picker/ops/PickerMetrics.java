package dev.gkeinference.picker.ops;

import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.BooleanSupplier;

/**
 * The picker's own Prometheus metrics. Names follow the reference EPP's {@code inference_objective_*},
 * {@code inference_pool_*} and {@code inference_extension_*} families.
 */
public final class PickerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter errors;
    private final Counter picks;
    private final Counter served;
    private final Counter shed;
    private final Counter degradedPicks;
    private final Counter responses;
    private final Counter promptTokens;
    private final Counter cachedTokens;
    private final Counter completionTokens;
    private final Histogram schedulingSeconds;

    public PickerMetrics(EndpointRegistry endpoints, long stalenessNanos, BooleanSupplier degraded) {
        requests = Counter.builder().name("inference_objective_request_total")
                .help("Requests received with a body, by requested model").labelNames("model_name").register(registry);
        errors = Counter.builder().name("inference_objective_request_error_total")
                .help("Requests answered by the picker itself with an error status")
                .labelNames("error_code").register(registry);
        picks = Counter.builder().name("inference_extension_endpoint_picks_total")
                .help("Primary endpoint picks").labelNames("endpoint").register(registry);
        served = Counter.builder().name("inference_extension_endpoint_served_total")
                .help("Responses by the endpoint the proxy reports as having served them")
                .labelNames("endpoint").register(registry);
        shed = Counter.builder().name("inference_extension_shed_requests_total")
                .help("Sheddable requests dropped with 429 because every endpoint was saturated").register(registry);
        degradedPicks = Counter.builder().name("inference_extension_scheduler_degraded_total")
                .help("Requests routed while no endpoint had fresh model-server metrics, on the picker's own view"
                        + " (requests in flight, prefix index)").register(registry);
        GaugeWithCallback.builder().name("inference_extension_scheduler_degraded_mode")
                .help("1 while no endpoint has fresh model-server metrics and routing uses the picker's own view")
                .callback(cb -> cb.call(degraded.getAsBoolean() ? 1 : 0)).register(registry);
        schedulingSeconds = Histogram.builder().name("inference_extension_scheduler_e2e_duration_seconds")
                .help("Time to schedule one request (parse excluded)")
                .classicOnly()
                .classicUpperBounds(0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)
                .register(registry);
        responses = Counter.builder().name("inference_extension_endpoint_responses_total")
                .help("Responses by the endpoint that served them and HTTP status class (2xx, 4xx, 5xx, ...)")
                .labelNames("endpoint", "status_class").register(registry);
        promptTokens = Counter.builder().name("inference_extension_endpoint_prompt_tokens_total")
                .help("Prompt tokens the responses' usage reported, cached ones included").labelNames("endpoint")
                .register(registry);
        cachedTokens = Counter.builder().name("inference_extension_endpoint_cached_prompt_tokens_total")
                .help("Prompt tokens the responses' usage reported as served from the prefix cache")
                .labelNames("endpoint").register(registry);
        completionTokens = Counter.builder().name("inference_extension_endpoint_completion_tokens_total")
                .help("Generated tokens the responses' usage reported").labelNames("endpoint").register(registry);
        registerEndpointGauges(endpoints, stalenessNanos);
        registerServedGauges(endpoints);
    }

    private void registerServedGauges(EndpointRegistry endpoints) {
        GaugeWithCallback.builder().name("inference_extension_endpoint_error_ratio")
                .help("Share of 5xx among the endpoint's recent responses (about the last 64)")
                .labelNames("endpoint").callback(cb -> {
                    for (EndpointState e : endpoints.endpoints()) {
                        double ratio = e.served().recentErrorRatio();
                        if (!Double.isNaN(ratio)) {
                            cb.call(ratio, e.hostPort());
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("inference_extension_endpoint_prefix_cache_hit_ratio")
                .help("Share of prompt tokens the endpoint served from its prefix cache, recent responses")
                .labelNames("endpoint").callback(cb -> {
                    for (EndpointState e : endpoints.endpoints()) {
                        double ratio = e.served().recentPrefixCacheHitRatio();
                        if (!Double.isNaN(ratio)) {
                            cb.call(ratio, e.hostPort());
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("inference_extension_prefix_cache_hit_ratio")
                .help("Share of prompt tokens served from the prefix caches, recent responses of the whole pool")
                .callback(cb -> {
                    double prompt = 0;
                    double cached = 0;
                    for (EndpointState e : endpoints.endpoints()) {
                        double[] recent = e.served().recentPromptAndCachedTokens();
                        prompt += recent[0];
                        cached += recent[1];
                    }
                    if (prompt > 0) {
                        cb.call(cached / prompt);
                    }
                }).register(registry);
    }

    private void registerEndpointGauges(EndpointRegistry endpoints, long stalenessNanos) {
        GaugeWithCallback.builder().name("inference_pool_ready_pods")
                .help("Endpoints currently in the pool").callback(cb -> cb.call(endpoints.endpoints().size()))
                .register(registry);
        GaugeWithCallback.builder().name("inference_extension_endpoint_metrics_age_seconds")
                .help("Seconds since the endpoint's metrics were last scraped (+Inf: never)")
                .labelNames("endpoint").callback(cb -> {
                    long now = System.nanoTime();
                    for (EndpointState e : endpoints.endpoints()) {
                        cb.call(e.metricsAgeSeconds(now), e.hostPort());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("inference_extension_endpoint_fresh")
                .help("1 when the endpoint's metrics are fresh, else 0 (stale endpoints are picked only when none is fresh)")
                .labelNames("endpoint").callback(cb -> {
                    long now = System.nanoTime();
                    for (EndpointState e : endpoints.endpoints()) {
                        cb.call(e.isFresh(now, stalenessNanos) ? 1 : 0, e.hostPort());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("inference_extension_endpoint_in_flight")
                .help("Requests picked for the endpoint whose response has not ended")
                .labelNames("endpoint").callback(cb -> {
                    for (EndpointState e : endpoints.endpoints()) {
                        cb.call(e.inFlight(), e.hostPort());
                    }
                }).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void request(String model) {
        requests.labelValues(model).inc();
    }

    public void error(int httpStatus) {
        errors.labelValues(Integer.toString(httpStatus)).inc();
    }

    public void picked(String endpoint, boolean degradedPick) {
        picks.labelValues(endpoint).inc();
        if (degradedPick) {
            degradedPicks.inc();
        }
    }

    public void served(String endpoint) {
        served.labelValues(endpoint).inc();
    }

    /** A response ended: its status and the usage it reported (-1: not reported). */
    public void responded(String endpoint, int httpStatus, long prompt, long cached, long completion) {
        responses.labelValues(endpoint, httpStatus / 100 + "xx").inc();
        if (prompt >= 0) {
            promptTokens.labelValues(endpoint).inc(prompt);
        }
        if (cached >= 0) {
            cachedTokens.labelValues(endpoint).inc(cached);
        }
        if (completion >= 0) {
            completionTokens.labelValues(endpoint).inc(completion);
        }
    }

    public void shed() {
        shed.inc();
    }

    public void schedulingTook(long nanos) {
        schedulingSeconds.observe(nanos / 1e9);
    }
}
