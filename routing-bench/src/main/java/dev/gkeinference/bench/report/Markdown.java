package dev.gkeinference.bench.report;

import dev.gkeinference.bench.drill.FailoverDrill;
import dev.gkeinference.bench.load.StageResult;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.simulator.SimProfile;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report: settings, one table per workload, the targets and the failover drill. */
final class Markdown {
    private Markdown() {
    }

    static String render(Map<String, Object> settings, SimProfile profile, List<Workload> workloads,
                         List<StageResult> results, Map<String, String> unavailable,
                         List<Reports.CostRow> cost, List<TargetCheck> targets, FailoverDrill.Result drill,
                         double minutes) {
        StringBuilder b = new StringBuilder();
        b.append("## Routing benchmark results\n\n");
        b.append(String.format(Locale.ROOT, "Simulated `%s` servers (profile: %d KV blocks x %d tokens, "
                        + "max-num-seqs %d, prefill %.0f ms + %.3f ms/token, ITL %.0f ms x up to %.1f under load); "
                        + "%s servers; time scale %s (real s per simulated s; all figures below are simulated "
                        + "time); %s simulated s per stage after a %s s warm-up; request timeout %s s; seed %s; "
                        + "run took %.1f min.%n%n",
                profile.modelName(), profile.kvCacheBlocks(), profile.blockSize(), profile.maxNumSeqs(),
                profile.prefillOverheadMs(), profile.prefillMsPerToken(), profile.interTokenLatencyMs(),
                profile.timeFactorUnderLoad(), settings.get("servers"), settings.get("timeScale"),
                settings.get("stageSeconds"), settings.get("warmupSeconds"), settings.get("requestTimeoutSeconds"),
                settings.get("seed"), minutes));
        unavailable.forEach((picker, why) -> b.append("**").append(picker).append(" could not be run**: ")
                .append(why.replace("\n", " ")).append("\n\n"));
        if (!results.isEmpty()) {
            summary(b, workloads, results);
        }
        if (!targets.isEmpty()) {
            targets(b, targets);
        }
        if (!cost.isEmpty()) {
            cost(b, cost, settings.get("costWarmupSeconds"));
        }
        for (Workload w : workloads) {
            List<StageResult> mine = results.stream().filter(r -> r.workload().equals(w.name())).toList();
            if (!mine.isEmpty()) {
                table(b, w, mine);
            }
        }
        if (drill != null) {
            drill(b, drill);
        }
        return b.toString();
    }

    /** p90 TTFT and output throughput per workload (at its highest rate) and picker. */
    private static void summary(StringBuilder b, List<Workload> workloads, List<StageResult> results) {
        List<String> pickers = results.stream().map(StageResult::picker).distinct().toList();
        b.append("### p90 TTFT / output tokens per second, per workload (highest rate) and picker\n\n| workload | QPS |");
        pickers.forEach(p -> b.append(' ').append(p).append(" |"));
        b.append("\n|---|---:|");
        pickers.forEach(p -> b.append("---:|"));
        b.append('\n');
        for (Workload w : workloads) {
            List<StageResult> top = Reports.highestRate(results, w.name());
            if (top.isEmpty()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.1f |", w.name(), top.get(0).qps()));
            for (String p : pickers) {
                StageResult r = top.stream().filter(x -> x.picker().equals(p)).findFirst().orElse(null);
                b.append(r == null ? " — |" : String.format(Locale.ROOT, " %s / %.0f%s |", ms(r.ttftMs().p90()),
                        r.outputTokensPerSecond(), r.errors() > 0 ? " (" + r.errors() + " err)" : ""));
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static void cost(StringBuilder b, List<Reports.CostRow> cost, Object warmupSeconds) {
        b.append("### Picker cost (real time, short chat requests, each picker its own process)\n\n");
        b.append("| picker | rate | requests | errors | picker CPU per request | routing p50 | routing p99 |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Reports.CostRow c : cost) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f req/s | %d | %d | %.0f µs | %.2f ms | %.2f ms |%n",
                    c.picker(), c.qps(), c.requests(), c.errors(), c.cpuMicrosPerRequest(), c.routingP50Ms(),
                    c.routingP99Ms()));
        }
        b.append("\nMeasured after " + warmupSeconds + " s of the same traffic (`--cost-warmup-seconds`). CPU per request "
                + "includes the picker's scraping of the pool during the stage; routing latency is measured at the "
                + "gateway from the request's last body chunk to the picker's headers answer.\n\n");
    }

    private static void table(StringBuilder b, Workload w, List<StageResult> rows) {
        b.append("### ").append(w.name()).append(" — ").append(w.description()).append("\n\n");
        b.append("| picker | QPS | sent | errors | TTFT p50 | TTFT p90 | TTFT p99 | TPOT p90 | ITL p90 | e2e p90 "
                + "| output tok/s | req/s | prefix hit | routing p50 / p99 (real) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.stream().sorted((x, y) -> x.qps() != y.qps() ? Double.compare(x.qps(), y.qps()) : 0)
                .forEach(r -> b.append(String.format(Locale.ROOT,
                        "| %s | %.0f | %d | %d | %s | %s | %s | %s | %s | %s | %.0f | %.2f | %.0f%% | %s |%n",
                        r.picker(), r.qps(), r.sent(), r.errors(), ms(r.ttftMs().p50()), ms(r.ttftMs().p90()),
                        ms(r.ttftMs().p99()), ms(r.tpotMs().p90()), ms(r.itlMs().p90()), ms(r.e2eMs().p90()),
                        r.outputTokensPerSecond(), r.requestsPerSecond(), r.prefixCacheHitRate() * 100,
                        r.routingMs().count() == 0 ? "—" : String.format(Locale.ROOT, "%.1f / %.1f ms",
                                r.routingMs().p50(), r.routingMs().p99()))));
        b.append('\n');
    }

    private static void targets(StringBuilder b, List<TargetCheck> targets) {
        b.append("### Targets (each workload at its highest rate; upstream = its better configuration there)\n\n");
        b.append("| workload | QPS | ours p90 TTFT | upstream p90 (config) | ours / upstream | round robin p90 "
                + "| ours / RR | output tok/s ours / upstream / RR | ours errors | target | result |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (TargetCheck t : targets) {
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s (%s) | %.2f | %s | %.3f | %.0f / %.0f / %.0f "
                            + "| %d | %s | %s |%n",
                    t.workload(), t.qps(), ms(t.oursP90TtftMs()), ms(t.upstreamP90TtftMs()), t.upstreamBest(),
                    t.ratioToUpstream(), ms(t.roundRobinP90TtftMs()), t.ratioToRoundRobin(), t.oursThroughput(),
                    t.upstreamThroughput(), t.roundRobinThroughput(), t.oursErrors(),
                    t.strict() ? "<= 0.7x upstream, <= 0.2x RR, throughput >= both, no errors" : "<= 1.0x upstream",
                    t.met() ? "met" : "MISSED: " + t.missed()));
        }
        b.append('\n');
    }

    private static void drill(StringBuilder b, FailoverDrill.Result d) {
        b.append("### Region failover drill\n\n");
        b.append(String.format(Locale.ROOT, "Two regions x %d servers behind a locality-first balancer (spill over "
                        + "above %.0f%% mean KV-cache use, /health every %.0f s, down after %d failures; retries on connect "
                        + "failure or reset before a response, like Envoy's retry_on: connect-failure,reset); %.0f QPS "
                        + "for %.0f s from clients near us-central1; all us-central1 servers stopped at %.0f s.%n%n",
                2, 80.0, 2.0, 2, d.qps(), d.durationSeconds(), d.killAtSeconds()));
        b.append("| requests sent | served before the stop | of which spilled to europe-west4 | failed in total "
                + "| failed: in flight at the stop | failed: sent after the stop, before the switch "
                + "| failed after the switch | health checks marked region down "
                + "after | europe-west4 served every request sent after |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %.1f s | %.1f s |%n%n", d.sent(),
                d.servedBeforeKill(), d.spilledBeforeKill(), d.failedTotal(), d.failedInFlightAtKill(),
                d.failedSentBeforeSwitch(), d.failedAfterSwitch(), d.secondsUntilHealthCheckMarkedDown(),
                d.secondsUntilAllServedBySurvivor()));
    }

    private static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        return v >= 10_000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : String.format(Locale.ROOT, "%.0f ms", v);
    }

}
