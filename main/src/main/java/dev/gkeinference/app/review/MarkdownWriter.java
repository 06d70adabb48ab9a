package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link ReviewReport} as a pull-request comment. Deterministic (everything sorted, no timestamps),
 * so re-running on the same inputs updates the comment to the same bytes and two reports diff line by line.
 */
public final class MarkdownWriter {
    /** Hidden marker the workflow uses to find and update its one comment. */
    public static final String MARKER = "<!-- gke-inference:review -->";
    /** GitHub rejects comments over 65,536 characters; stay below with room for the truncation note. */
    static final int MAX_LENGTH = 60_000;
    private static final int MAX_VALUE_LENGTH = 100;

    private MarkdownWriter() {
    }

    public static String render(ReviewReport report, boolean destroyAllowed) {
        StringBuilder md = new StringBuilder();
        md.append(MARKER).append('\n');
        md.append("## Infrastructure review: ").append(summary(report.changes(), report.settings().isEmpty()
                ? "no changes" : "no resource changes"));
        if (!report.settings().isEmpty()) {
            md.append("; terraform settings change in ").append(report.settings().size())
                    .append(report.settings().size() == 1 ? " stack" : " stacks");
        }
        md.append("\n\n");
        destructiveWarning(md, report, destroyAllowed);
        regions(md, report);
        stacks(md, report);
        waivers(md, report);
        return truncated(md.toString());
    }

    private static void destructiveWarning(StringBuilder md, ReviewReport report, boolean destroyAllowed) {
        List<ResourceChange> destructive = report.destructive();
        if (destructive.isEmpty()) {
            return;
        }
        md.append("> [!CAUTION]\n> **").append(destructive.size())
                .append(destructive.size() == 1 ? " stateful resource is" : " stateful resources are")
                .append(" destroyed or replaced** (TPU capacity or data is lost until recreated):\n");
        destructive.forEach(c -> md.append("> - **").append(c.kind().label()).append("** ")
                .append(code(c.address())).append(c.name().isEmpty() ? "" : " (" + c.name() + ")")
                .append(" in ").append(code(c.stack())).append('\n'));
        md.append(destroyAllowed
                ? "> \n> Destroys are allowed for this run.\n\n"
                : "> \n> The review check fails until destroys are allowed (`review --allow-destroy`).\n\n");
    }

    private static void regions(StringBuilder md, ReviewReport report) {
        md.append("**By region**\n\n");
        report.byRegion().forEach((region, changes) -> md.append("- ").append(code(region)).append(": ")
                .append(summary(changes, "no changes")).append('\n'));
        md.append('\n');
    }

    private static void stacks(StringBuilder md, ReviewReport report) {
        SortedMap<String, List<ResourceChange>> byStack = report.byStack();
        Map<String, SettingsChange> settings = new java.util.TreeMap<>();
        report.settings().forEach(s -> settings.put(s.stack(), s));
        java.util.SortedSet<String> changedStacks = new java.util.TreeSet<>(byStack.keySet());
        changedStacks.addAll(settings.keySet());
        for (String stack : changedStacks) {
            List<ResourceChange> changes = byStack.getOrDefault(stack, List.of());
            md.append("### ").append(code(stack)).append(": ").append(summary(changes, "settings only"))
                    .append("\n\n");
            if (settings.containsKey(stack)) {
                settings(md, settings.get(stack));
            }
            changes.stream().sorted(java.util.Comparator.comparing(ResourceChange::kind)
                    .thenComparing(ResourceChange::address)).forEach(c -> resource(md, c));
            md.append('\n');
        }
        List<String> unchanged = report.stacks().stream().filter(s -> !changedStacks.contains(s)).toList();
        if (!unchanged.isEmpty()) {
            md.append("Unchanged stacks: ").append(unchanged.stream().map(MarkdownWriter::code)
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
    }

    private static void settings(StringBuilder md, SettingsChange change) {
        md.append("- **settings** ").append(code("terraform"));
        if (change.movesState()) {
            md.append(" **state backend changes: migrate the state (`terraform init -migrate-state`) before the"
                    + " next apply**");
        }
        md.append('\n');
        change.attributes().forEach(a -> md.append("  - ").append(code(a.path())).append(": ")
                .append(value(a.before())).append(" → ").append(value(a.after())).append('\n'));
    }

    private static void resource(StringBuilder md, ResourceChange change) {
        md.append("- **").append(change.kind().label()).append("** ").append(code(change.address()));
        if (!change.name().isEmpty()) {
            md.append(" (").append(change.name().replace("|", "\\|")).append(')');
        }
        change.movedFrom().ifPresent(from -> md.append(" (moved from ").append(code(from)).append(')'));
        if (!change.replacementRulesKnown() && change.kind() == ChangeKind.CHANGE) {
            md.append(" (replacement rules unknown for this type: confirm with the plan)");
        }
        md.append('\n');
        for (AttributeChange attribute : change.attributes()) {
            md.append("  - ").append(code(attribute.path())).append(": ");
            boolean byElement = attribute.replacedReference().isEmpty()
                    && ListElementChanges.applies(attribute.before(), attribute.after());
            if (attribute.replacedReference().isPresent()) {
                md.append("refers to ").append(code(attribute.replacedReference().get()))
                        .append(", which is replaced");
            } else if (byElement) {
                md.append("list changes");
            } else {
                md.append(value(attribute.before())).append(" → ").append(value(attribute.after()));
            }
            attribute.replacement().ifPresent(r -> md.append(" **").append(r.description()).append("**"));
            md.append('\n');
            if (byElement) {
                elements(md, attribute);
            }
        }
    }

    /** A changed list element by element, so a changed flag in a long argument list shows as that flag. */
    private static void elements(StringBuilder md, AttributeChange attribute) {
        for (ListElementChanges.Element element : ListElementChanges.of(attribute.before(), attribute.after())) {
            md.append("    - ").append(code("[" + element.index() + "]")).append(": ")
                    .append(value(element.before())).append(" → ").append(value(element.after())).append('\n');
        }
    }

    private static void waivers(StringBuilder md, ReviewReport report) {
        if (report.waivers().isEmpty()) {
            return;
        }
        md.append("### Policy waivers\n\n| rule | checkov | stack | resource | reason |\n|---|---|---|---|---|\n");
        for (ReviewReport.Waiver w : report.waivers()) {
            md.append("| ").append(w.note().ruleId()).append(switch (w.status()) {
                case NEW -> " **(new)**";
                case REMOVED -> " (removed)";
                case KEPT -> "";
            })
                    .append(" | ").append(w.note().checkovId())
                    .append(" | ").append(code(w.stack()))
                    .append(" | ").append(code(w.note().address()))
                    .append(" | ").append(w.note().reason().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append('\n');
    }

    /** "1 destroy, 2 change" in severity order, or {@code none} when there is nothing. */
    static String summary(List<ResourceChange> changes, String none) {
        Map<ChangeKind, Integer> counts = ReviewReport.count(changes);
        if (counts.isEmpty()) {
            return none;
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    private static String value(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        if (text.length() > MAX_VALUE_LENGTH) {
            text = text.substring(0, MAX_VALUE_LENGTH) + "…";
        }
        return code(text);
    }

    /** An inline code span that survives backticks in the value. */
    private static String code(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    private static String truncated(String markdown) {
        if (markdown.length() <= MAX_LENGTH) {
            return markdown;
        }
        int cut = markdown.lastIndexOf('\n', MAX_LENGTH);
        return markdown.substring(0, cut + 1)
                + "\n… truncated: the review is longer than a pull-request comment allows; run the review command"
                + " locally for the full text.\n";
    }
}
