package dev.gkeinference.stacks.config.yaml;

import dev.gkeinference.stacks.config.Problems;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;

/**
 * Reads one YAML document into {@link YamlNode}s from SnakeYAML's parse events, refusing what a deployment config
 * never needs and what makes YAML surprising: anchors and aliases (nothing is expanded, so an alias bomb costs
 * nothing), tags, keys that are not plain text, duplicate keys, more than one document, and nesting deeper than
 * any config key goes. Every refusal names the key path.
 */
public final class YamlReader {
    /** Deeper than any key of the config, far below what could exhaust the stack. */
    static final int MAX_DEPTH = 16;
    /** Larger than any sensible deployment config (the reference is 3 KB). */
    public static final int MAX_CHARACTERS = 1 << 20;

    private final Iterator<Event> events;
    private final Problems problems;
    private String path = "";

    private YamlReader(Iterator<Event> events, Problems problems) {
        this.events = events;
        this.problems = problems;
    }

    /** The document's root node; empty when there is no document or the YAML is broken (then in problems). */
    public static Optional<YamlNode> read(String yaml, Problems problems) {
        if (yaml.length() > MAX_CHARACTERS) {
            problems.add("(file)", "has " + yaml.length() + " characters: a deployment config has at most "
                    + MAX_CHARACTERS);
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        YamlReader reader = new YamlReader(new Yaml(options).parse(new StringReader(yaml)).iterator(), problems);
        try {
            return reader.document();
        } catch (MarkedYAMLException e) {
            problems.add(reader.where(), "not valid YAML: " + e.getProblem() + line(e));
        } catch (YAMLException e) {
            problems.add(reader.where(), "not valid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String line(MarkedYAMLException e) {
        return e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")";
    }

    private String where() {
        return path.isEmpty() ? "(top level)" : path;
    }

    private Optional<YamlNode> document() {
        events.next(); // stream start
        Event first = events.next();
        if (!(first instanceof DocumentStartEvent)) {
            return Optional.empty(); // no document at all: only comments, or nothing
        }
        YamlNode root = node(events.next(), 0);
        events.next(); // document end
        Event after = events.next();
        if (!(after instanceof StreamEndEvent)) {
            problems.add("(top level)", "the file holds more than one YAML document (line " + line(after)
                    + "): a deployment config is one document");
        }
        return Optional.ofNullable(root);
    }

    private YamlNode node(Event event, int depth) {
        if (event instanceof AliasEvent alias) {
            problems.add(where(), "the alias *" + alias.getAnchor() + " is not supported (line " + line(event)
                    + "): anchors and aliases are not, write the value out");
            return null;
        }
        refuseAnchorAndTag((NodeEvent) event);
        if (event instanceof ScalarEvent scalar) {
            return new YamlNode.Scalar(scalar.getValue(), scalar.isPlain(), line(event));
        }
        if (depth >= MAX_DEPTH) {
            problems.add(where(), "is nested deeper than " + MAX_DEPTH + " levels (line " + line(event)
                    + "): no config key is");
            skipCollection();
            return null;
        }
        return event instanceof SequenceStartEvent ? sequence(event, depth) : mapping(event, depth);
    }

    private void refuseAnchorAndTag(NodeEvent event) {
        if (event.getAnchor() != null) {
            problems.add(where(), "the anchor &" + event.getAnchor() + " is not supported (line " + line(event)
                    + "): anchors and aliases are not, write the value out");
        }
        String tag = event instanceof ScalarEvent s ? s.getTag()
                : event instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) {
            problems.add(where(), "the tag " + tag + " is not supported (line " + line(event)
                    + "): write the plain value, quoted if it is text");
        }
    }

    private YamlNode sequence(Event start, int depth) {
        String parent = path;
        List<YamlNode> items = new ArrayList<>();
        for (Event next = events.next(); !(next instanceof SequenceEndEvent); next = events.next()) {
            path = parent + "[" + items.size() + "]";
            items.add(node(next, depth + 1));
        }
        path = parent;
        return items.contains(null) ? null : new YamlNode.Sequence(items, line(start));
    }

    private YamlNode mapping(Event start, int depth) {
        String parent = path;
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        boolean complete = true;
        for (Event next = events.next(); !(next instanceof MappingEndEvent); next = events.next()) {
            Optional<String> key = key(next, parent);
            path = KeyPath.child(parent, key.orElse("?"));
            YamlNode value = node(events.next(), depth + 1);
            if (key.isPresent() && lines.containsKey(key.get())) {
                problems.add(path, "appears twice in one mapping (lines " + lines.get(key.get()) + " and "
                        + line(next) + "): a key is set once");
            } else if (key.isPresent() && value != null) {
                lines.put(key.get(), line(next));
                entries.add(new YamlNode.Entry(key.get(), value, line(next)));
            }
            complete &= key.isPresent() && value != null;
            path = parent;
        }
        return complete ? new YamlNode.Mapping(entries, line(start)) : null;
    }

    /** A key is plain text: no list, mapping, alias, tag or anchor. */
    private Optional<String> key(Event event, String parent) {
        if (event instanceof ScalarEvent scalar && scalar.getTag() == null && scalar.getAnchor() == null) {
            return Optional.of(scalar.getValue());
        }
        problems.add(parent.isEmpty() ? "(top level)" : parent, "has a key that is not plain text (line "
                + line(event) + "): keys are names such as 'region'");
        if (event instanceof SequenceStartEvent || event instanceof MappingStartEvent) {
            skipCollection();
        }
        return Optional.empty();
    }

    /** Skips the rest of a collection whose start event was just read. */
    private void skipCollection() {
        int open = 1;
        while (open > 0) {
            Event next = events.next();
            if (next instanceof SequenceStartEvent || next instanceof MappingStartEvent) {
                open++;
            } else if (next instanceof SequenceEndEvent || next instanceof MappingEndEvent) {
                open--;
            }
        }
    }

    private static int line(Event event) {
        return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
    }
}
