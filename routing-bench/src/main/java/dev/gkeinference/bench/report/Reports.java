package dev.gkeinference.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gkeinference.bench.drill.FailoverDrill;
import dev.gkeinference.bench.load.StageResult;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.simulator.SimProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes results.json, results.md and the PNG plots into the output directory, and prints the Markdown. */
public final class Reports {
    private Reports() {
    }

    public static void write(Path dir, Map<String, Object> settings, SimProfile profile, List<Workload> workloads,
                             List<StageResult> results, FailoverDrill.Result drill, double minutes, PrintStream out)
            throws IOException {
        Files.createDirectories(dir);
        List<TargetCheck> targets = TargetCheck.evaluate(results);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("profile", profile);
        json.put("workloads", workloads.stream().map(w -> Map.of("name", w.name(), "description",
                w.description())).toList());
        json.put("stages", results);
        json.put("targets", targets);
        json.put("failoverDrill", drill);
        json.put("runtimeMinutes", minutes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(),
                json);
        for (Workload w : workloads) {
            List<StageResult> mine = results.stream().filter(r -> r.workload().equals(w.name())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Plots.write(dir.resolve(w.name() + "-ttft-p90.png"), "p90 time to first token — " + w.name(),
                    "p90 TTFT (ms)", true, mine, r -> r.ttftMs().p90());
            Plots.write(dir.resolve(w.name() + "-throughput.png"), "output throughput — " + w.name(),
                    "output tokens/s", false, mine, StageResult::outputTokensPerSecond);
        }
        String markdown = Markdown.render(settings, profile, workloads, results, targets, drill, minutes);
        Files.writeString(dir.resolve("results.md"), markdown);
        out.println();
        out.println(markdown);
        out.println("wrote " + dir.toAbsolutePath() + "/{results.md,results.json,*.png}");
    }
}
