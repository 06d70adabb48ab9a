package dev.gkeinference.stacks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The problems of one config, collected so that all are reported at once. Each is {@code <key path>: <message>};
 * rules throw {@link IllegalArgumentException} with a message that quotes the bad value and says what is allowed,
 * and the key path is added here, where the value came from. Text from the file is printed escaped and shortened,
 * so a hostile value cannot write terminal escapes or flood the output.
 */
public final class Problems {
    /** Longest problem printed; a longer one (a huge value) is cut. Lists of allowed values fit (waiver rules). */
    static final int MAX_LENGTH = 600;
    /** Most problems reported; a file with more is not a config with some mistakes. */
    static final int MAX_REPORTED = 100;
    /** Longest value quoted by {@link #quote}. */
    static final int MAX_VALUE_LENGTH = 80;

    private final List<String> problems = new ArrayList<>();

    /** Records a problem at a key path. */
    public void add(String path, String message) {
        record(path + ": " + message);
    }

    /** Records problems that already start with their key path ({@code backend.bucket: ...}). */
    public void addAll(List<String> problemsWithPaths) {
        problemsWithPaths.forEach(this::record);
    }

    private void record(String problem) {
        String printable = printable(problem);
        problems.add(printable.length() <= MAX_LENGTH ? printable : printable.substring(0, MAX_LENGTH) + "…");
    }

    /** Runs a rule; when it fails, records its message at {@code path}. Returns whether it held. */
    public boolean check(String path, Runnable rule) {
        try {
            rule.run();
            return true;
        } catch (IllegalArgumentException e) {
            add(path, e.getMessage());
            return false;
        }
    }

    /** Builds a value whose constructor enforces rules; when one fails, records it and gives nothing. */
    public <T> Optional<T> value(String path, Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException e) {
            add(path, e.getMessage());
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Fails with every problem found, if there is one (a flood of them cut after the first hundred). */
    public void throwIfAny(String source) {
        if (problems.size() > MAX_REPORTED) {
            List<String> first = new ArrayList<>(problems.subList(0, MAX_REPORTED));
            first.add("(file): " + (problems.size() - MAX_REPORTED) + " more problems not shown");
            throw new InvalidConfigException(source, first);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
    }

    /** A value from the file, quoted and shortened for a message. */
    public static String quote(String text) {
        if (text == null) {
            return "missing";
        }
        return "'" + (text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "…") + "'";
    }

    /**
     * Control characters (newlines, escape sequences) as {@code \\n}, {@code \\u001b}; also the Unicode line and
     * paragraph separators, which break a problem line in two for a terminal or a log reader.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
