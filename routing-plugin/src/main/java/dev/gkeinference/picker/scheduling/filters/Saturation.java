package dev.gkeinference.picker.scheduling.filters;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** An endpoint is saturated when its waiting queue or its KV-cache use is above the configured thresholds. */
public final class Saturation {

    private Saturation() {
    }

    public static boolean isSaturated(EndpointState e, PickerConfig.Saturation limits) {
        var m = e.metrics();
        return m.waiting() > limits.queueDepthThreshold() || m.kvCacheUsage() > limits.kvCacheUtilThreshold();
    }

    public static boolean allSaturated(List<EndpointState> candidates, PickerConfig.Saturation limits) {
        for (EndpointState e : candidates) {
            if (!isSaturated(e, limits)) {
                return false;
            }
        }
        return true;
    }
}
