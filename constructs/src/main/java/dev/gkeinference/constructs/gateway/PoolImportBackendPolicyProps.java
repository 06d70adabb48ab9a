package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.inference.MetricExport;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link PoolImportBackendPolicy}. The builder is generated
 * ({@code PoolImportBackendPolicyPropsBuilder}).
 *
 * @param name          policy name
 * @param namespace     namespace of the policy and the pool import
 * @param pool          the imported pool
 * @param balancingMode how to balance between clusters. Default: {@link #DEFAULT_BALANCING_MODE}, CUSTOM_METRICS on
 *                      {@code gke.named_metrics.kv-cache} with {@code maxUtilizationPercent}
 *                      {@value #DEFAULT_MAX_UTILIZATION_PERCENT}, the recommended start
 * @param timeoutSec    backend timeout; at least twice the P99 request latency, up to 3600 for long contexts.
 *                      Default: {@value #DEFAULT_TIMEOUT_SEC}
 */
@Value.Builder
public record PoolImportBackendPolicyProps(String name, String namespace, PoolImport pool,
        @Nullable BalancingMode balancingMode, @Nullable Integer timeoutSec) {
    public static final int DEFAULT_MAX_UTILIZATION_PERCENT = 60;
    public static final BalancingMode DEFAULT_BALANCING_MODE = BalancingMode.customMetric(
            MetricExport.VLLM_KV_CACHE.exportName(), DEFAULT_MAX_UTILIZATION_PERCENT);
    public static final int DEFAULT_TIMEOUT_SEC = 600;
    public static final int MAX_TIMEOUT_SEC = 86400;

    public PoolImportBackendPolicyProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pool, "pool");
        balancingMode = Objects.requireNonNullElse(balancingMode, DEFAULT_BALANCING_MODE);
        timeoutSec = Objects.requireNonNullElse(timeoutSec, DEFAULT_TIMEOUT_SEC);
        requireTimeoutSec(timeoutSec);
    }

    /** 1 second to a day. */
    public static void requireTimeoutSec(int timeoutSec) {
        if (timeoutSec < 1 || timeoutSec > MAX_TIMEOUT_SEC) {
            throw new IllegalArgumentException("'" + timeoutSec + "' is out of range: allowed are 1 to "
                    + MAX_TIMEOUT_SEC);
        }
    }

    public static PoolImportBackendPolicyPropsBuilder builder() {
        return new PoolImportBackendPolicyPropsBuilder();
    }
}
