package dev.gkeinference.bench.report;

import dev.gkeinference.bench.load.StageResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The targets per workload, at the workload's highest rate: on shared-prefix and multi-turn, ours' p90 TTFT
 * at most 0.7x the upstream picker's best configuration and at most 0.2x round robin, with throughput at least both
 * and no errors; on every other workload, p90 TTFT no worse than the upstream picker's best configuration. "Best"
 * is the upstream configuration with the lower p90 TTFT on that workload.
 */
public record TargetCheck(String workload, double qps, double oursP90TtftMs, String upstreamBest,
                          double upstreamP90TtftMs, double roundRobinP90TtftMs, double ratioToUpstream,
                          double ratioToRoundRobin, double oursThroughput, double upstreamThroughput,
                          double roundRobinThroughput, int oursErrors, boolean strict, boolean met, String missed) {

    static final Set<String> STRICT_WORKLOADS = Set.of("shared-prefix", "multi-turn");
    static final double MAX_RATIO_TO_UPSTREAM = 0.7;
    static final double MAX_RATIO_TO_ROUND_ROBIN = 0.2;
    static final List<String> UPSTREAM_PICKERS = List.of("upstream-default", "upstream-prefix");

    static List<TargetCheck> evaluate(List<StageResult> results) {
        List<TargetCheck> checks = new ArrayList<>();
        results.stream().map(StageResult::workload).distinct()
                .forEach(w -> check(results, w).ifPresent(checks::add));
        return checks;
    }

    private static Optional<TargetCheck> check(List<StageResult> results, String workload) {
        double qps = results.stream().filter(r -> r.workload().equals(workload)).mapToDouble(StageResult::qps).max()
                .orElse(Double.NaN);
        Optional<StageResult> ours = find(results, workload, "ours", qps);
        Optional<StageResult> upstream = UPSTREAM_PICKERS.stream().map(p -> find(results, workload, p, qps))
                .flatMap(Optional::stream).min((a, b) -> Double.compare(a.ttftMs().p90(), b.ttftMs().p90()));
        if (ours.isEmpty() || upstream.isEmpty()) {
            return Optional.empty();
        }
        StageResult o = ours.get();
        StageResult u = upstream.get();
        Optional<StageResult> rr = find(results, workload, "round-robin", qps);
        boolean strict = STRICT_WORKLOADS.contains(workload);
        double toUp = o.ttftMs().p90() / u.ttftMs().p90();
        double rrTtft = rr.map(r -> r.ttftMs().p90()).orElse(Double.NaN);
        double rrThroughput = rr.map(StageResult::outputTokensPerSecond).orElse(Double.NaN);
        double toRr = o.ttftMs().p90() / rrTtft;
        List<String> missed = new ArrayList<>();
        if (strict) {
            if (!(toUp <= MAX_RATIO_TO_UPSTREAM)) {
                missed.add(String.format(java.util.Locale.ROOT, "p90 TTFT %.2fx upstream (target <= %.1fx)", toUp,
                        MAX_RATIO_TO_UPSTREAM));
            }
            if (!(toRr <= MAX_RATIO_TO_ROUND_ROBIN)) {
                missed.add(String.format(java.util.Locale.ROOT, "p90 TTFT %.2fx round robin (target <= %.1fx)", toRr,
                        MAX_RATIO_TO_ROUND_ROBIN));
            }
            if (!(o.outputTokensPerSecond() >= u.outputTokensPerSecond() && o.outputTokensPerSecond() >= rrThroughput)) {
                missed.add("throughput below upstream or round robin");
            }
            if (o.errors() > 0) {
                missed.add(o.errors() + " errors");
            }
        } else if (!(toUp <= 1.0)) {
            missed.add(String.format(java.util.Locale.ROOT, "p90 TTFT %.2fx upstream (target <= 1.0x)", toUp));
        }
        return Optional.of(new TargetCheck(workload, qps, o.ttftMs().p90(), u.picker(), u.ttftMs().p90(), rrTtft,
                toUp, toRr, o.outputTokensPerSecond(), u.outputTokensPerSecond(), rrThroughput, o.errors(), strict,
                missed.isEmpty(), String.join("; ", missed)));
    }

    private static Optional<StageResult> find(List<StageResult> results, String workload, String picker, double qps) {
        return results.stream().filter(r -> r.workload().equals(workload) && r.picker().equals(picker)
                && r.qps() == qps).findFirst();
    }
}
