package dev.gkeinference.picker.state;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PrometheusTextParserTest {

    @Test
    void readsTheVllmFamiliesAndTheNewestLoraSeries() {
        String text = """
                # HELP vllm:num_requests_waiting Number of requests waiting.
                # TYPE vllm:num_requests_waiting gauge
                vllm:num_requests_waiting{model_name="qwen"} 7.0
                vllm:num_requests_running{model_name="qwen"} 3
                vllm:kv_cache_usage_perc{model_name="qwen"} 0.42
                vllm:gpu_cache_usage_perc{model_name="qwen"} 0.99
                vllm:cache_config_info{block_size="32",cache_dtype="auto",num_gpu_blocks="4096"} 1.0
                vllm:lora_requests_info{max_lora="2",running_lora_adapters="old",waiting_lora_adapters=""} 1.7e9
                vllm:lora_requests_info{max_lora="2",running_lora_adapters="a,b",waiting_lora_adapters="c"} 1.8e9
                vllm:time_to_first_token_seconds_bucket{le="0.001",model_name="qwen"} 0
                process_cpu_seconds_total 12.5
                """;
        ModelServerMetrics m = PrometheusTextParser.parse(text);
        assertEquals(7.0, m.waiting());
        assertEquals(3.0, m.running());
        assertEquals(0.42, m.kvCacheUsage(), "the current name wins over the deprecated one");
        assertEquals(32, m.blockSize());
        assertEquals(4096, m.numGpuBlocks());
        assertEquals(2, m.lora().maxLora());
        assertEquals(Set.of("a", "b"), m.lora().running());
        assertEquals(Set.of("c"), m.lora().waiting());
    }

    @Test
    void fallsBackToTheOlderKvCacheGaugeAndToleratesMissingFamilies() {
        ModelServerMetrics m = PrometheusTextParser.parse("vllm:gpu_cache_usage_perc 0.25\r\nvllm:num_requests_waiting NaN\n");
        assertEquals(0.25, m.kvCacheUsage());
        assertEquals(0.0, m.waiting());
        assertNull(m.lora());
        assertEquals(0, m.blockSize());
    }
}
