package dev.gkeinference.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One change to the reference deployment, made on its YAML tree at a key path: a value replaced (by any type, any
 * text, or raw YAML such as an alias or a tag), a key removed, misspelt or added. {@link #path} is the key path a
 * problem report should name (or a key above it).
 */
record ConfigMutation(List<Object> segments, Kind kind, Object value) {

    enum Kind { REPLACE, RAW, REMOVE, RENAME, ADD_KEY }

    /** Raw YAML text put where a value goes, unquoted. */
    record Raw(String yaml) {
    }

    private static final String RAW_MARK = "RAWYAMLVALUE";

    /** The reference as plain maps, lists and scalars. */
    static Map<String, Object> tree(String yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return tree;
    }

    /** Every key path of a tree, interior ones included, as segments (keys and list indexes). */
    static List<List<Object>> paths(Object node) {
        List<List<Object>> paths = new ArrayList<>();
        collect(node, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(Object node, List<Object> at, List<List<Object>> into) {
        if (!at.isEmpty()) {
            into.add(List.copyOf(at));
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                at.add(key);
                collect(value, at, into);
                at.remove(at.size() - 1);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                at.add(i);
                collect(list.get(i), at, into);
                at.remove(at.size() - 1);
            }
        }
    }

    /** The key path as problem reports write it: {@code regions[0].tpu.nodeCount}. */
    String path() {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    /**
     * Whether a problem names this mutation's key or a key above it. A key misspelt at the top level is itself the
     * unknown key, named as the file writes it (escaped, shortened), or, when YAML can only write it with a tag, a
     * key of the top-level mapping that is not plain text.
     */
    boolean isNamedBy(String problem) {
        String top = String.valueOf(segments.get(0));
        if (segments.size() == 1 && kind == Kind.RENAME) {
            return problem.contains(": unknown key (line ") || problem.startsWith(top)
                    || problem.startsWith("(top level): has a key that is not plain text");
        }
        if (segments.size() == 1 && kind == Kind.ADD_KEY) {
            return problem.startsWith("unknown-" + top);
        }
        return problem.startsWith(top) || top.equals("regions") && problem.startsWith("regions[*]");
    }

    /** The mutated tree as YAML text; empty when YAML cannot write it (a key SnakeYAML refuses to emit). */
    java.util.Optional<String> applyTo(Map<String, Object> reference) {
        Map<String, Object> tree = deepCopy(reference);
        Object parent = tree;
        for (Object segment : segments.subList(0, segments.size() - 1)) {
            parent = child(parent, segment);
        }
        mutate(parent, segments.get(segments.size() - 1));
        return yaml(tree).map(yaml -> value instanceof Raw raw ? yaml.replace(RAW_MARK, raw.yaml()) : yaml);
    }

    @SuppressWarnings("unchecked")
    private void mutate(Object parent, Object last) {
        Object replacement = value instanceof Raw ? RAW_MARK : value;
        if (parent instanceof Map<?, ?> m) {
            Map<Object, Object> map = (Map<Object, Object>) m;
            switch (kind) {
                case REPLACE, RAW -> map.put(last, replacement);
                case REMOVE -> map.remove(last);
                case RENAME -> map.put(value, map.remove(last));
                case ADD_KEY -> map.put("unknown-" + last, value);
            }
        } else {
            List<Object> list = (List<Object>) parent;
            int index = (Integer) last;
            switch (kind) {
                case REMOVE -> list.remove(index);
                case ADD_KEY -> list.add(index, value);
                default -> list.set(index, replacement);
            }
        }
    }

    private static Object child(Object node, Object segment) {
        return node instanceof Map<?, ?> map ? map.get(segment) : ((List<?>) node).get((Integer) segment);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return node;
    }

    /** YAML text of a tree; empty when SnakeYAML refuses to write a key or value of it. */
    static java.util.Optional<String> yaml(Object tree) {
        try {
            return java.util.Optional.of(dump(tree));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            return java.util.Optional.empty();
        }
    }

    private static String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(false);
        return new Yaml(options).dump(tree);
    }

    @Override
    public String toString() {
        return kind + " " + path() + (kind == Kind.REMOVE ? "" : " " + String.valueOf(value).replace("\n", "\\n"));
    }
}
