package dev.gkeinference.picker.state;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the few vLLM families the scheduler needs from Prometheus text exposition format, ignoring the rest.
 * Label values may contain commas and escaped quotes (LoRA adapter lists do).
 */
public final class PrometheusTextParser {

    static final String WAITING = "vllm:num_requests_waiting";
    static final String RUNNING = "vllm:num_requests_running";
    static final String KV_USAGE = "vllm:kv_cache_usage_perc";
    static final String KV_USAGE_OLD = "vllm:gpu_cache_usage_perc";
    static final String LORA_INFO = "vllm:lora_requests_info";
    static final String CACHE_CONFIG = "vllm:cache_config_info";

    private PrometheusTextParser() {
    }

    public static ModelServerMetrics parse(String text) {
        Accumulator acc = new Accumulator();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            acc.line(text, start, end);
            start = end + 1;
        }
        return acc.result();
    }

    /** Collects values line by line; series of one family from several model_name labels are summed. */
    private static final class Accumulator {
        double waiting;
        double running;
        double kv = Double.NaN;
        double kvOld = Double.NaN;
        double loraTimestamp = Double.NEGATIVE_INFINITY;
        ModelServerMetrics.LoraInfo lora;
        int blockSize;
        int numGpuBlocks;

        void line(String text, int from, int to) {
            if (from >= to || text.charAt(from) == '#' || text.charAt(from) != 'v') {
                return; // comments, blank lines and non-vLLM families
            }
            int nameEnd = from;
            while (nameEnd < to && text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            String name = text.substring(from, nameEnd);
            if (!isWanted(name)) {
                return;
            }
            Map<String, String> labels = Map.of();
            int valueStart = nameEnd;
            if (nameEnd < to && text.charAt(nameEnd) == '{') {
                labels = new HashMap<>();
                valueStart = parseLabels(text, nameEnd + 1, to, labels);
            }
            double value = parseValue(text, valueStart, to);
            if (Double.isNaN(value)) {
                return;
            }
            record(name, labels, value);
        }

        private static boolean isWanted(String name) {
            return name.equals(WAITING) || name.equals(RUNNING) || name.equals(KV_USAGE) || name.equals(KV_USAGE_OLD)
                    || name.equals(LORA_INFO) || name.equals(CACHE_CONFIG);
        }

        private void record(String name, Map<String, String> labels, double value) {
            switch (name) {
                case WAITING -> waiting += value;
                case RUNNING -> running += value;
                case KV_USAGE -> kv = Double.isNaN(kv) ? value : Math.max(kv, value);
                case KV_USAGE_OLD -> kvOld = Double.isNaN(kvOld) ? value : Math.max(kvOld, value);
                case LORA_INFO -> recordLora(labels, value);
                case CACHE_CONFIG -> {
                    blockSize = parseInt(labels.get("block_size"), blockSize);
                    numGpuBlocks = parseInt(labels.get("num_gpu_blocks"), numGpuBlocks);
                }
                default -> { }
            }
        }

        // The value of lora_requests_info is the time of the update: the newest series is the current state.
        private void recordLora(Map<String, String> labels, double timestamp) {
            if (timestamp < loraTimestamp) {
                return;
            }
            loraTimestamp = timestamp;
            lora = new ModelServerMetrics.LoraInfo(parseInt(labels.get("max_lora"), 0),
                    splitList(labels.get("running_lora_adapters")), splitList(labels.get("waiting_lora_adapters")));
        }

        ModelServerMetrics result() {
            double usage = !Double.isNaN(kv) ? kv : (!Double.isNaN(kvOld) ? kvOld : 0);
            return new ModelServerMetrics(waiting, running, usage, lora, blockSize, numGpuBlocks);
        }
    }

    /** Parses {@code k="v",...}} starting after '{'; returns the index after '}'. */
    private static int parseLabels(String text, int i, int to, Map<String, String> out) {
        while (i < to) {
            char c = text.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq + 1 >= to || text.charAt(eq + 1) != '"') {
                return to;
            }
            String key = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < to && text.charAt(j) != '"') {
                char v = text.charAt(j);
                if (v == '\\' && j + 1 < to) {
                    char esc = text.charAt(++j);
                    value.append(esc == 'n' ? '\n' : esc);
                } else {
                    value.append(v);
                }
                j++;
            }
            out.put(key, value.toString());
            i = j + 1;
        }
        return to;
    }

    private static double parseValue(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) == ' ') {
            i++;
        }
        int end = i;
        while (end < to && text.charAt(end) != ' ' && text.charAt(end) != '\r') {
            end++;
        }
        if (i == end) {
            return Double.NaN;
        }
        String v = text.substring(i, end);
        try {
            return switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int parseInt(String s, int fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return (int) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Set<String> splitList(String s) {
        Set<String> out = new LinkedHashSet<>();
        if (s != null) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return Set.copyOf(out);
    }
}
