package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.inference.MetricExport;
import java.util.Objects;

/**
 * Properties of a {@link PoolImportBackendPolicy}.
 *
 * @param name          policy name
 * @param namespace     namespace of the policy and the pool import
 * @param pool          the imported pool
 * @param balancingMode how to balance between clusters. Default: CUSTOM_METRICS on {@code gke.named_metrics.kv-cache}
 *                      with {@code maxUtilizationPercent} 60, the recommended start
 * @param timeoutSec    backend timeout; at least twice the P99 request latency, up to 3600 for long contexts.
 *                      Default: 600
 */
public record PoolImportBackendPolicyProps(String name, String namespace, PoolImport pool,
        BalancingMode balancingMode, int timeoutSec) {
    public static final int DEFAULT_MAX_UTILIZATION_PERCENT = 60;
    public static final int DEFAULT_TIMEOUT_SEC = 600;
    public static final int MAX_TIMEOUT_SEC = 86400;

    public PoolImportBackendPolicyProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(balancingMode, "balancingMode");
        requireTimeoutSec(timeoutSec);
    }

    /** 1 second to a day. */
    public static void requireTimeoutSec(int timeoutSec) {
        if (timeoutSec < 1 || timeoutSec > MAX_TIMEOUT_SEC) {
            throw new IllegalArgumentException("'" + timeoutSec + "' is out of range: allowed are 1 to "
                    + MAX_TIMEOUT_SEC);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link PoolImportBackendPolicyProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private PoolImport pool;
        private BalancingMode balancingMode = BalancingMode.customMetric(MetricExport.VLLM_KV_CACHE.exportName(),
                DEFAULT_MAX_UTILIZATION_PERCENT);
        private int timeoutSec = DEFAULT_TIMEOUT_SEC;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder pool(PoolImport pool) {
            this.pool = pool;
            return this;
        }

        public Builder balancingMode(BalancingMode balancingMode) {
            this.balancingMode = balancingMode;
            return this;
        }

        public Builder timeoutSec(int timeoutSec) {
            this.timeoutSec = timeoutSec;
            return this;
        }

        public PoolImportBackendPolicyProps build() {
            return new PoolImportBackendPolicyProps(name, namespace, pool, balancingMode, timeoutSec);
        }
    }
}
