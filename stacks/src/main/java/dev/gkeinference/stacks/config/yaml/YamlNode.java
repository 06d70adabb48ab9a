package dev.gkeinference.stacks.config.yaml;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A YAML value as the file writes it, with the line it starts on, before any meaning is given to it. Scalars keep
 * whether they were quoted: under the YAML 1.2 core schema a plain {@code 8896} is a number and a quoted one text,
 * so neither is ever read as the other.
 */
public sealed interface YamlNode {

    /** 1-based line in the file, for messages. */
    int line();

    /** A scalar: plain (unquoted) or quoted/block text. */
    record Scalar(String text, boolean plain, int line) implements YamlNode {
        private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
        private static final Pattern FLOAT = Pattern.compile(
                "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

        /** {@code null}, {@code ~} or nothing, unquoted. */
        public boolean isNull() {
            return plain && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                    || text.equals("NULL"));
        }

        public boolean isBoolean() {
            return plain && List.of("true", "True", "TRUE", "false", "False", "FALSE").contains(text);
        }

        public boolean isInteger() {
            return plain && INTEGER.matcher(text).matches();
        }

        /** A number with a fraction or exponent (or an integer): what a decimal setting accepts. */
        public boolean isNumber() {
            return plain && FLOAT.matcher(text).matches();
        }

        /** The value of a number ({@link #isNumber}), with YAML's {@code .inf} and {@code .nan} in every spelling. */
        public double doubleValue() {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            return Double.parseDouble(lower.replace(".inf", "Infinity").replace(".nan", "NaN"));
        }

        /** Text: quoted, or plain and not null, a boolean or a number. */
        public boolean isText() {
            return !plain || !(isNull() || isBoolean() || isNumber());
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping, in file order; keys are plain text and unique. */
    record Mapping(List<Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    /** One key and its value. */
    record Entry(String key, YamlNode value, int line) {
    }
}
