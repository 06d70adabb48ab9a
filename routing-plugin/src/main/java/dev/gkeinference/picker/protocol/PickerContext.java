package dev.gkeinference.picker.protocol;

import dev.gkeinference.picker.discovery.Objectives;
import dev.gkeinference.picker.ops.PickerMetrics;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.state.EndpointRegistry;

import java.util.concurrent.Executor;

/**
 * What every ext_proc stream needs from the running picker.
 *
 * @param subsetHints honour the proxy's endpoint subset hint ({@code --disable-endpoint-subset-filter} turns it off)
 * @param workers      where a stream's expensive work runs, off the network thread ({@link StreamWork})
 */
public record PickerContext(Scheduler scheduler, EndpointRegistry registry, Objectives objectives,
                            PickerMetrics metrics, long maxBodyBytes, boolean subsetHints, Executor workers) {
}
