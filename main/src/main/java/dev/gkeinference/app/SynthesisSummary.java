package dev.gkeinference.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a synthesis produced, read back from the output: one line per stack, then a total. */
record SynthesisSummary(Path outdir, List<StackSummary> stacks) {

    record StackSummary(String name, int resources, List<String> dependencies) {
    }

    static SynthesisSummary of(Path outdir) {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode manifest = json.readTree(outdir.resolve("manifest.json").toFile());
            List<StackSummary> stacks = new ArrayList<>();
            for (JsonNode stack : manifest.path("stacks")) {
                JsonNode synth = json.readTree(outdir.resolve(stack.path("synthesizedStackPath").asText()).toFile());
                int resources = 0;
                for (JsonNode byType : synth.path("resource")) {
                    resources += byType.size();
                }
                List<String> dependencies = new ArrayList<>();
                stack.path("dependencies").forEach(d -> dependencies.add(d.asText()));
                stacks.add(new StackSummary(stack.path("name").asText(), resources, dependencies));
            }
            return new SynthesisSummary(outdir, inDependencyOrder(stacks));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the synthesized output in " + outdir, e);
        }
    }

    /** Stacks ordered so each comes after its dependencies; ties by name, for a stable listing. */
    static List<StackSummary> inDependencyOrder(List<StackSummary> stacks) {
        List<StackSummary> ordered = new ArrayList<>();
        List<StackSummary> pending = new ArrayList<>(stacks);
        pending.sort(java.util.Comparator.comparing(StackSummary::name));
        while (!pending.isEmpty()) {
            StackSummary next = pending.stream()
                    .filter(s -> s.dependencies().stream().allMatch(d -> ordered.stream().anyMatch(o -> o.name().equals(d))))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("stack dependencies form a cycle"));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }

    int resources() {
        return stacks.stream().mapToInt(StackSummary::resources).sum();
    }

    void print(PrintStream out, long elapsedNanos) {
        for (StackSummary stack : stacks) {
            out.printf(Locale.ROOT, "  %-28s %4d resources%s%n", stack.name(), stack.resources(),
                    stack.dependencies().isEmpty() ? "" : "  after " + String.join(", ", stack.dependencies()));
        }
        out.printf(Locale.ROOT, "synthesized %d stacks, %d resources into %s in %.1f s%n", stacks.size(),
                resources(), outdir, elapsedNanos / 1e9);
    }
}
