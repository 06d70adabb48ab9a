package dev.gkeinference.bench.gateway;

import java.io.IOException;
import java.util.List;

/**
 * The life of one request as the gateway's routing filter sees it, in the order Envoy drives its ext_proc filter:
 * request headers, request body chunks, the routing decision, then response headers and body chunks.
 */
public interface RoutingSession extends AutoCloseable {

    void requestHeaders(List<Header> headers, boolean endOfStream) throws IOException;

    void requestBody(byte[] chunk, boolean endOfStream) throws IOException;

    /** Blocks until the decision is known (for ext_proc: the headers response and the re-streamed body). */
    RouteDecision awaitRoute() throws IOException;

    /**
     * Tells the session which endpoint served and with what status and headers; returns the headers to add to the
     * client's response. Body bytes passed later to {@link #responseBody} reach {@code sink} after processing.
     */
    List<Header> responseHeaders(int status, List<Header> headers, Endpoint served, DownstreamSink sink)
            throws IOException;

    void responseBody(byte[] chunk, boolean endOfStream) throws IOException;

    /** Blocks until every processed response byte has been handed to the sink. */
    void awaitResponseComplete() throws IOException;

    /**
     * Time from the end of the request (its last body chunk handed to the picker) to the routing decision, or -1 when
     * the routing takes no round trip.
     */
    default long routingNanos() {
        return -1;
    }

    /** Frees what the session holds; safe to call at any point, also after a failure. */
    @Override
    void close();
}
