package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.ModelServerMetrics.LoraInfo;

import java.util.List;

/**
 * Prefers endpoints that already run the requested adapter (1.0), then ones with room to load it (0.8), then ones
 * where it is waiting (0.6); 0 otherwise. An endpoint that reports no LoRA info serves base models only as far as
 * we know: it scores 1.0, so LoRA affinity never penalises plain deployments.
 */
public final class LoraAffinityScorer implements Scorer {

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        String model = ctx.request().model();
        for (int i = 0; i < candidates.size(); i++) {
            out[i] = score(candidates.get(i).metrics().lora(), model);
        }
    }

    static double score(LoraInfo lora, String model) {
        if (lora == null || lora.maxLora() <= 0) {
            return 1.0;
        }
        if (lora.running().contains(model)) {
            return 1.0;
        }
        if (lora.running().size() + lora.waiting().size() < lora.maxLora()) {
            return 0.8;
        }
        if (lora.waiting().contains(model)) {
            return 0.6;
        }
        return 0.0;
    }
}
