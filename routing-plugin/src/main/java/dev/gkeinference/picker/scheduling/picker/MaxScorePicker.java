package dev.gkeinference.picker.scheduling.picker;

import dev.gkeinference.picker.state.EndpointState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the highest total score, breaking ties uniformly at random (so equal endpoints share load), then the next
 * best ones as fallbacks. k passes of reservoir selection: O(k·n) without sorting or allocation per candidate.
 */
public final class MaxScorePicker {

    private static final double EPSILON = 1e-9;

    private MaxScorePicker() {
    }

    public static List<EndpointState> pick(List<EndpointState> candidates, double[] totals, int maxEndpoints) {
        int n = candidates.size();
        int k = Math.min(maxEndpoints, n);
        List<EndpointState> picked = new ArrayList<>(k);
        boolean[] taken = new boolean[n];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 0; round < k; round++) {
            int best = -1;
            int ties = 0;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                if (best < 0 || totals[i] > totals[best] + EPSILON) {
                    best = i;
                    ties = 1;
                } else if (Math.abs(totals[i] - totals[best]) <= EPSILON && random.nextInt(++ties) == 0) {
                    best = i;
                }
            }
            taken[best] = true;
            picked.add(candidates.get(best));
        }
        return picked;
    }
}
