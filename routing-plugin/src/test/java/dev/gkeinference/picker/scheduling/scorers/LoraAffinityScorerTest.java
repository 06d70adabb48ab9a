package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.state.ModelServerMetrics;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoraAffinityScorerTest {

    @Test
    void loraAffinityScores() {
        var lora = new ModelServerMetrics.LoraInfo(2, Set.of("a"), Set.of("b"));
        assertEquals(1.0, LoraAffinityScorer.score(lora, "a"));
        assertEquals(0.6, LoraAffinityScorer.score(new ModelServerMetrics.LoraInfo(2, Set.of("a", "c"), Set.of("b")), "b"));
        assertEquals(0.0, LoraAffinityScorer.score(new ModelServerMetrics.LoraInfo(1, Set.of("a"), Set.of()), "z"));
        assertEquals(0.8, LoraAffinityScorer.score(new ModelServerMetrics.LoraInfo(3, Set.of("a"), Set.of()), "z"));
        assertEquals(1.0, LoraAffinityScorer.score(null, "z"));
    }
}
