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

    /** The cost of one external picker (see the benchmark's cost stage). */
    public record CostRow(String picker, double qps, int requests, int errors, double cpuMicrosPerRequest,
                          double routingP50Ms, double routingP99Ms) {
    }

    private Reports() {
    }

    public static void write(Path dir, Map<String, Object> settings, SimProfile profile, List<Workload> workloads,
                             List<StageResult> results, Map<String, String> unavailable, List<CostRow> cost,
                             FailoverDrill.Result drill, double minutes, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        List<TargetCheck> targets = TargetCheck.evaluate(results);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("profile", profile);
        json.put("workloads", workloads.stream().map(w -> Map.of("name", w.name(), "description",
                w.description())).toList());
        json.put("unavailablePickers", unavailable);
        json.put("stages", results);
        json.put("targets", targets);
        json.put("pickerCost", cost);
        json.put("failoverDrill", drill);
        json.put("runtimeMinutes", minutes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(),
                json);
        if (!results.isEmpty()) {
            List<String> order = workloads.stream().map(Workload::name).toList();
            Plots.bars(dir.resolve("ttft-p90.png"), "p90 time to first token per workload", "p90 TTFT (ms)", true,
                    order, results, r -> r.ttftMs().p90());
            Plots.bars(dir.resolve("throughput.png"), "output throughput per workload", "output tokens/s", false,
                    order, results, StageResult::outputTokensPerSecond);
        }
        String markdown = Markdown.render(settings, profile, workloads, results, unavailable, cost, targets, drill,
                minutes);
        Files.writeString(dir.resolve("results.md"), markdown);
        out.println();
        out.println(markdown);
        out.println("wrote " + dir.toAbsolutePath() + "/{results.md,results.json,*.png}");
    }

    /** The stages of a workload at its highest offered rate, one per picker. */
    static List<StageResult> highestRate(List<StageResult> results, String workload) {
        double top = results.stream().filter(r -> r.workload().equals(workload)).mapToDouble(StageResult::qps).max()
                .orElse(Double.NaN);
        return results.stream().filter(r -> r.workload().equals(workload) && r.qps() == top).toList();
    }
}
