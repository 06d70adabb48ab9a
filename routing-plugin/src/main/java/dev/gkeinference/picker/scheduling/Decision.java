package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** The outcome of scheduling one request. */
public sealed interface Decision {

    /** Endpoints to try, primary first; {@code dispatch} follows the request on the primary. */
    record Picked(List<EndpointState> endpoints, Dispatch dispatch) implements Decision {
        public Picked(List<EndpointState> endpoints) {
            this(endpoints, Dispatch.NONE);
        }

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
