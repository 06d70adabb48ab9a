package dev.gkeinference.picker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code --config-file} YAML. Every key is optional (missing ones keep the built-in default); unknown
 * keys and out-of-range values are errors naming the key and what is allowed, so a typo never goes unnoticed.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static PickerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static PickerConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return PickerConfig.tunedDefaults();
        }
        Section top = new Section(source, "", root);
        top.allow("scorers", "picker", "queue", "prefix", "saturation", "request");
        PickerConfig d = PickerConfig.tunedDefaults();
        return new PickerConfig(weights(top.child("scorers"), d.weights()), picker(top.child("picker"), d.picker()),
                queue(top.child("queue"), d.queue()), prefix(top.child("prefix"), d.prefix()),
                saturation(top.child("saturation"), d.saturation()), request(top.child("request"), d.request()));
    }

    private static PickerConfig.Weights weights(Section s, PickerConfig.Weights d) {
        s.allow("queue", "kvCache", "prefix", "lora", "prefillLoad", "predictedTtft");
        return new PickerConfig.Weights(s.number("queue", d.queue(), 0, 1000), s.number("kvCache", d.kvCache(), 0, 1000),
                s.number("prefix", d.prefix(), 0, 1000), s.number("lora", d.lora(), 0, 1000),
                s.number("prefillLoad", d.prefillLoad(), 0, 1000), s.number("predictedTtft", d.predictedTtft(), 0, 1000));
    }

    private static PickerConfig.Picker picker(Section s, PickerConfig.Picker d) {
        s.allow("maxEndpoints");
        return new PickerConfig.Picker((int) s.integer("maxEndpoints", d.maxEndpoints(), 1, 16));
    }

    private static PickerConfig.Queue queue(Section s, PickerConfig.Queue d) {
        s.allow("countDispatchedSinceScrape");
        return new PickerConfig.Queue(s.bool("countDispatchedSinceScrape", d.countDispatchedSinceScrape()));
    }

    private static PickerConfig.Prefix prefix(Section s, PickerConfig.Prefix d) {
        s.allow("autoTune", "blockSizeTokens", "bytesPerToken", "maxPrefixBlocks", "lruCapacityPerServer",
                "correctFromUsage");
        return new PickerConfig.Prefix(s.bool("autoTune", d.autoTune()),
                (int) s.integer("blockSizeTokens", d.blockSizeTokens(), 1, 4096),
                (int) s.integer("bytesPerToken", d.bytesPerToken(), 1, 64),
                (int) s.integer("maxPrefixBlocks", d.maxPrefixBlocks(), 1, 1 << 20),
                (int) s.integer("lruCapacityPerServer", d.lruCapacityPerServer(), 1, 1 << 24),
                s.bool("correctFromUsage", d.correctFromUsage()));
    }

    private static PickerConfig.Saturation saturation(Section s, PickerConfig.Saturation d) {
        s.allow("queueDepthThreshold", "kvCacheUtilThreshold", "filter");
        return new PickerConfig.Saturation(s.number("queueDepthThreshold", d.queueDepthThreshold(), 0, 1e9),
                s.number("kvCacheUtilThreshold", d.kvCacheUtilThreshold(), 0, 1), s.bool("filter", d.filter()));
    }

    private static PickerConfig.Request request(Section s, PickerConfig.Request d) {
        s.allow("maxBodyBytes");
        return new PickerConfig.Request(s.integer("maxBodyBytes", d.maxBodyBytes(), 1, 1L << 31));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** One mapping of the YAML, with the dotted path of its keys for error messages. */
    private static final class Section {
        private final String source;
        private final String path;
        private final JsonNode node;

        Section(String source, String path, JsonNode node) {
            this.source = source;
            this.path = path;
            this.node = node;
            if (node != null && !node.isObject()) {
                throw error(path.isEmpty() ? "the document" : path, "must be a mapping");
            }
        }

        Section child(String key) {
            return new Section(source, key(key), node == null ? null : node.get(key));
        }

        void allow(String... keys) {
            if (node == null) {
                return;
            }
            Set<String> allowed = Set.of(keys);
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> it = ((ObjectNode) node).fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    unknown.add(k);
                }
            }
            if (!unknown.isEmpty()) {
                throw new ConfigException(source + ": unknown key " + key(unknown.get(0)) + "; allowed here: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }

        double number(String key, double fallback, double min, double max) {
            JsonNode v = node == null ? null : node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw error(key(key), "must be a number between " + min + " and " + max);
            }
            double d = v.asDouble();
            if (d < min || d > max || Double.isNaN(d)) {
                throw error(key(key), "is " + d + "; allowed " + min + " to " + max);
            }
            return d;
        }

        long integer(String key, long fallback, long min, long max) {
            JsonNode v = node == null ? null : node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber()) {
                throw error(key(key), "must be a whole number between " + min + " and " + max);
            }
            long l = v.asLong();
            if (l < min || l > max) {
                throw error(key(key), "is " + l + "; allowed " + min + " to " + max);
            }
            return l;
        }

        boolean bool(String key, boolean fallback) {
            JsonNode v = node == null ? null : node.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(key(key), "must be true or false");
            }
            return v.asBoolean();
        }

        private String key(String k) {
            return path.isEmpty() ? k : path + "." + k;
        }

        private ConfigException error(String key, String what) {
            return new ConfigException(source + ": " + key + " " + what);
        }
    }

    /** A config file that cannot be used; the message says which key and what is allowed. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
