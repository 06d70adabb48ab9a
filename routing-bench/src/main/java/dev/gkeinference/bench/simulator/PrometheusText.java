package dev.gkeinference.bench.simulator;

import java.util.Locale;

/** Renders a server's state as Prometheus text exposition with vLLM's metric names and labels. */
final class PrometheusText {
    private PrometheusText() {
    }

    static String render(EngineSnapshot s, String model, int maxLoras, double nowEpochSeconds) {
        String m = "model_name=\"" + model + "\"";
        StringBuilder b = new StringBuilder(2048);
        gauge(b, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", m, s.waiting());
        gauge(b, "vllm:num_requests_running", "Number of requests in model execution batches.", m, s.running());
        gauge(b, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", m, s.kvCacheUsage());
        gauge(b, "vllm:cache_config_info", "Information of the LLMEngine CacheConfig.",
                "block_size=\"" + s.blockSize() + "\",enable_prefix_caching=\"True\",num_gpu_blocks=\""
                        + s.kvCacheBlocks() + "\"", 1);
        // The value is the time of the last change; readers take the series with the largest value.
        gauge(b, "vllm:lora_requests_info", "Running stats on lora requests.",
                "max_lora=\"" + maxLoras + "\",running_lora_adapters=\"" + s.runningAdapters()
                        + "\",waiting_lora_adapters=\"" + s.waitingAdapters() + "\"", nowEpochSeconds);
        counter(b, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.",
                m, s.prefixCacheQueriedTokens());
        counter(b, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                m, s.prefixCacheHitTokens());
        counter(b, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", m, s.promptTokensTotal());
        counter(b, "vllm:generation_tokens_total", "Number of generation tokens processed.", m,
                s.generationTokensTotal());
        counter(b, "vllm:request_success_total", "Count of successfully processed requests.",
                m + ",finish_reason=\"length\"", s.requestsFinished());
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, String labels, double value) {
        family(b, name, help, "gauge", labels, value);
    }

    private static void counter(StringBuilder b, String name, String help, String labels, double value) {
        family(b, name, help, "counter", labels, value);
    }

    private static void family(StringBuilder b, String name, String help, String type, String labels, double value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        b.append(name).append('{').append(labels).append("} ").append(format(value)).append('\n');
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.6f", v);
    }
}
