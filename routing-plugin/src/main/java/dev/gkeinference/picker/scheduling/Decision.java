package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** The outcome of scheduling one request. */
public sealed interface Decision {

    /**
     * Endpoints to try, primary first.
     *
     * @param degraded picked without fresh model-server metrics, on the picker's own view
     * @param dispatch follows the request on the primary (first token, reported cached tokens, end)
     */
    record Picked(List<EndpointState> endpoints, boolean degraded, Dispatch dispatch) implements Decision {
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

    /**
     * The request is answered by the picker itself.
     *
     * @param httpStatus 429 (shed) or 503 (nowhere to send it)
     * @param code       the reason as a short token, for clients and dashboards
     * @param message    the reason in words
     */
    record Rejected(int httpStatus, String code, String message) implements Decision {
        /** A sheddable request while every endpoint is saturated; the upstream picker's drop reason. */
        public static final String SATURATED = "rejected-saturated";
        public static final String NO_READY_ENDPOINTS = "no-ready-endpoints";
        public static final String NO_ENDPOINT_IN_SUBSET = "no-endpoint-in-subset";
    }
}
