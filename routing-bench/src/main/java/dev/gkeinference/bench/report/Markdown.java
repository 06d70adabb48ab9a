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
                         List<StageResult> results, List<TargetCheck> targets, FailoverDrill.Result drill,
                         double minutes) {
        StringBuilder b = new StringBuilder();
        b.append("## Routing benchmark results\n\n");
        b.append(String.format(Locale.ROOT, "Simulated `%s` servers (profile: %d KV blocks x %d tokens, "
                        + "max-num-seqs %d, prefill %.0f ms + %.3f ms/token, ITL %.0f ms x up to %.1f under load); "
                        + "%s servers; time scale %s (real s per simulated s; all figures below are simulated "
                        + "time); %s simulated s per stage after a %s s warm-up at the first rate; request timeout %s s; seed %s; run took %.1f min.%n%n",
                profile.modelName(), profile.kvCacheBlocks(), profile.blockSize(), profile.maxNumSeqs(),
                profile.prefillOverheadMs(), profile.prefillMsPerToken(), profile.interTokenLatencyMs(),
                profile.timeFactorUnderLoad(), settings.get("servers"), settings.get("timeScale"),
                settings.get("stageSeconds"), settings.get("warmupSeconds"), settings.get("requestTimeoutSeconds"), settings.get("seed"), minutes));
        for (Workload w : workloads) {
            List<StageResult> mine = results.stream().filter(r -> r.workload().equals(w.name())).toList();
            if (!mine.isEmpty()) {
                table(b, w, mine);
            }
        }
        if (!targets.isEmpty()) {
            targets(b, targets);
        }
        if (drill != null) {
            drill(b, drill);
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Workload w, List<StageResult> rows) {
        b.append("### ").append(w.name()).append(" — ").append(w.description()).append("\n\n");
        b.append("| picker | QPS | sent | errors | TTFT p50 | TTFT p90 | TTFT p99 | TPOT p90 | ITL p90 | e2e p90 "
                + "| output tok/s | req/s | prefix hit |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.stream().sorted((x, y) -> x.qps() != y.qps() ? Double.compare(x.qps(), y.qps()) : 0)
                .forEach(r -> b.append(String.format(Locale.ROOT,
                        "| %s | %.0f | %d | %d | %s | %s | %s | %s | %s | %s | %.0f | %.2f | %.0f%% |%n",
                        r.picker(), r.qps(), r.sent(), r.errors(), ms(r.ttftMs().p50()), ms(r.ttftMs().p90()),
                        ms(r.ttftMs().p99()), ms(r.tpotMs().p90()), ms(r.itlMs().p90()), ms(r.e2eMs().p90()),
                        r.outputTokensPerSecond(), r.requestsPerSecond(), r.prefixCacheHitRate() * 100)));
        b.append('\n');
    }

    private static void targets(StringBuilder b, List<TargetCheck> targets) {
        b.append("### Targets (at the highest QPS where round robin completed every request)\n\n");
        b.append("| workload | QPS | ours p90 TTFT | round robin | ratio (target <= 0.2) "
                + "| upstream default | ratio (target <= 0.9) | throughput ours / RR | ours errors |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TargetCheck t : targets) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.3f %s | %s | %.3f %s | %.0f / %.0f %s "
                            + "| %d %s |%n",
                    t.workload(), t.qps(), ms(t.oursP90TtftMs()), ms(t.roundRobinP90TtftMs()),
                    t.ratioToRoundRobin(), mark(t.ratioToRoundRobinMet()),
                    ms(t.upstreamP90TtftMs()), t.ratioToUpstream(), mark(t.ratioToUpstreamMet()),
                    t.oursThroughput(), t.roundRobinThroughput(), mark(t.throughputMet()), t.oursErrors(),
                    mark(t.noErrorsMet())));
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

    private static String mark(boolean met) {
        return met ? "met" : "MISSED";
    }
}
