package dev.gkeinference.bench.gateway;

import java.util.List;

/** Where the gateway sends a request: an ordered endpoint list with the body to send, or a response of its own. */
public sealed interface RouteDecision permits RouteDecision.Forward, RouteDecision.Immediate {

    /** Primary endpoint first, then fallbacks tried in order when a connection cannot be made. */
    record Forward(List<Endpoint> endpoints, byte[] body, List<Header> extraHeaders) implements RouteDecision {
    }

    /** The picker answered the client itself (e.g. 429 shed, 503 no endpoint, 400 bad body). */
    record Immediate(int status, List<Header> headers, byte[] body) implements RouteDecision {
    }
}
