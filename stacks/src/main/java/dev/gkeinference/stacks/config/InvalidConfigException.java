package dev.gkeinference.stacks.config;

import java.util.List;

/** A deployment config that cannot be synthesized; each problem names the key path, the value and what is allowed. */
public class InvalidConfigException extends RuntimeException {
    private final String source;
    private final List<String> problems;

    public InvalidConfigException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** Where the config came from (a file path or "built-in reference deployment"). */
    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }
}
