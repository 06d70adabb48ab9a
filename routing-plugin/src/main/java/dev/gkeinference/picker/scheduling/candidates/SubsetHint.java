package dev.gkeinference.picker.scheduling.candidates;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The proxy's endpoint subset ({@code envoy.lb.subset_hint / x-gateway-destination-endpoint-subset}): when
 * present, only endpoints whose IP is listed may be picked. Matched by IP, as the reference does.
 */
public record SubsetHint(boolean present, Set<String> ips) {

    public static final SubsetHint NONE = new SubsetHint(false, Set.of());

    public static SubsetHint of(Collection<String> hostPorts) {
        Set<String> ips = new LinkedHashSet<>();
        for (String hp : hostPorts) {
            if (!hp.isBlank()) {
                ips.add(Endpoint.ipOf(hp));
            }
        }
        return new SubsetHint(true, Set.copyOf(ips));
    }

    public boolean allows(Endpoint endpoint) {
        return !present || ips.contains(endpoint.ip());
    }
}
