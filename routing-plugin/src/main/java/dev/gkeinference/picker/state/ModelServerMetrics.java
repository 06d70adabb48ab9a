package dev.gkeinference.picker.state;

import java.util.Set;

/**
 * What one scrape of a model server's {@code /metrics} told us.
 *
 * @param waiting      {@code vllm:num_requests_waiting}
 * @param running      {@code vllm:num_requests_running}
 * @param kvCacheUsage {@code vllm:kv_cache_usage_perc} (or the older {@code vllm:gpu_cache_usage_perc}), 0..1
 * @param lora         the latest {@code vllm:lora_requests_info} series, or null when the server reports none
 * @param blockSize    {@code vllm:cache_config_info{block_size}}, 0 when unknown
 * @param numGpuBlocks {@code vllm:cache_config_info{num_gpu_blocks}}, 0 when unknown
 */
public record ModelServerMetrics(double waiting, double running, double kvCacheUsage, LoraInfo lora,
                                 int blockSize, int numGpuBlocks) {

    public static final ModelServerMetrics EMPTY = new ModelServerMetrics(0, 0, 0, null, 0, 0);

    /** LoRA adapters of one server: at most {@code maxLora} loaded at once. */
    public record LoraInfo(int maxLora, Set<String> running, Set<String> waiting) {
    }
}
