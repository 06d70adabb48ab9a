package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** The outcome of scheduling one request. */
public sealed interface Decision {

    /**
     * Endpoints to try, primary first.
     *
     * @param degraded picked without fresh model-server metrics, on the picker's own view
     */
    record Picked(List<EndpointState> endpoints, boolean degraded) implements Decision {
        public String destinationValue() {
            StringBuilder sb = new StringBuilder();
            for (EndpointState e : endpoints) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(e.hostPort());
            }
            return sb.toString();
        }

        public EndpointState primary() {
            return endpoints.get(0);
        }
    }

    /** The request is answered by the picker itself with this HTTP status and short reason. */
    record Rejected(int httpStatus, String reason) implements Decision {
    }
}
