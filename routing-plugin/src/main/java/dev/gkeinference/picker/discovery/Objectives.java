package dev.gkeinference.picker.discovery;

import java.util.Map;

/**
 * Priorities of the pool's InferenceObjectives by name, as requests name them in {@code x-llm-d-inference-objective}
 * (or the legacy {@code x-gateway-inference-objective}). Unknown or absent objective ⇒ priority 0 (not sheddable).
 */
public final class Objectives {

    private volatile Map<String, Integer> priorities = Map.of();

    public int priorityOf(String objective) {
        if (objective == null || objective.isEmpty()) {
            return 0;
        }
        return priorities.getOrDefault(objective, 0);
    }

    public void replaceAll(Map<String, Integer> byName) {
        priorities = Map.copyOf(byName);
    }

    public Map<String, Integer> snapshot() {
        return priorities;
    }
}
