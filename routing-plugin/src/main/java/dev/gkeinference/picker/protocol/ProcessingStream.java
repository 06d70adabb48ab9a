package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.request.ApiKind;
import dev.gkeinference.picker.request.BadRequestException;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.request.RequestParser;
import dev.gkeinference.picker.response.Usage;
import dev.gkeinference.picker.scheduling.Decision;
import dev.gkeinference.picker.scheduling.Dispatch;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.state.EndpointState;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Map;
import java.util.logging.Logger;

/**
 * One ext_proc stream = one HTTP exchange. Request side: a JSON inference API request is buffered until its body
 * ends, parsed and routed, then the headers answer (destination) goes out and the body is re-streamed unchanged;
 * any other request is routed on load at its headers and its body streams through as it comes. Response side:
 * everything passes through as it comes; the status and the usage the body reports are noted, and at the
 * response's end it is accounted to the endpoint that served it, which is then freed. Every message, the end of the
 * stream and its cancellation are handled through {@link StreamWork}, one at a time and in order, so the state here
 * needs no locking; a request body past {@link #INLINE_BODY_BYTES} is handled on the worker pool.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {

    private static final Logger LOG = Logger.getLogger(ProcessingStream.class.getName());
    /** Request bodies up to this size are buffered, parsed and routed on the network thread: cheaper than a hand-off. */
    static final int INLINE_BODY_BYTES = 64 * 1024;

    private enum Phase { AWAITING_HEADERS, BUFFERING_BODY, STREAMING_BODY, ROUTED, CLOSED }

    private final PickerContext picker;
    private final ServerCallStreamObserver<ProcessingResponse> out;
    private Phase phase = Phase.AWAITING_HEADERS;
    private SubsetHint hint = SubsetHint.NONE;
    private String objective;
    private ApiKind api;
    private ByteString body = ByteString.EMPTY;
    /** The endpoint counted as serving this request until its response ends. */
    private EndpointState holding;
    /** The scheduler's follow-up of this request: first token, reported cached tokens, end. */
    private Dispatch dispatch = Dispatch.NONE;
    private final ResponseTracker response = new ResponseTracker();
    private final StreamWork work;
    /** Request body bytes delivered so far; touched only by the delivering network thread. */
    private long requestBodyBytes;

    ProcessingStream(PickerContext picker, ServerCallStreamObserver<ProcessingResponse> out) {
        this.picker = picker;
        this.out = out;
        this.work = new StreamWork(picker.workers(), this::failed);
        out.setOnCancelHandler(() -> work.run(this::streamEnded, false));
    }

    @Override
    public void onNext(ProcessingRequest request) {
        boolean expensive = false;
        if (request.hasRequestBody()) {
            requestBodyBytes += request.getRequestBody().getBody().size();
            expensive = requestBodyBytes > INLINE_BODY_BYTES;
        }
        work.run(() -> handle(request), expensive);
    }

    private void handle(ProcessingRequest request) {
        if (phase == Phase.CLOSED) {
            return; // an immediate response ended the exchange; the proxy is closing the stream
        }
        switch (request.getRequestCase()) {
            case REQUEST_HEADERS -> onRequestHeaders(request);
            case REQUEST_BODY -> onRequestBody(request.getRequestBody());
            case REQUEST_TRAILERS -> onRequestTrailers();
            case RESPONSE_HEADERS -> onResponseHeaders(request);
            case RESPONSE_BODY -> onResponseBody(request.getResponseBody());
            case RESPONSE_TRAILERS -> {
                send(Replies.responseTrailers());
                responseEnded();
            }
            default -> { } // nothing else is sent by a proxy in the configured processing mode
        }
    }

    private void onRequestHeaders(ProcessingRequest request) {
        HttpHeaders httpHeaders = request.getRequestHeaders();
        Map<String, String> headers = Protocol.headers(httpHeaders.getHeaders());
        hint = picker.subsetHints() ? Protocol.subsetHint(request.getMetadataContext()) : SubsetHint.NONE;
        objective = Protocol.objective(headers);
        boolean hasBody = !httpHeaders.getEndOfStream();
        api = hasBody ? ApiKind.of(headers.get(":path"), headers.get("content-type")) : null;
        if (api != null) {
            if (declaredLength(headers) > picker.maxBodyBytes()) {
                reject(413, Replies.BODY_TOO_LARGE, "request body exceeds " + picker.maxBodyBytes() + " bytes");
            } else {
                phase = Phase.BUFFERING_BODY;
            }
            return;
        }
        // Nothing to read for routing: route on load now; a body (an upload, say) streams through as it comes.
        if (route(InferenceRequest.LOAD_ONLY, -1)) {
            phase = hasBody ? Phase.STREAMING_BODY : Phase.ROUTED;
        }
    }

    private void onRequestBody(HttpBody chunk) {
        if (phase == Phase.STREAMING_BODY) {
            Replies.requestBody(chunk.getBody(), chunk.getEndOfStream()).forEach(this::send);
            if (chunk.getEndOfStream()) {
                phase = Phase.ROUTED;
            }
            return;
        }
        if (phase != Phase.BUFFERING_BODY) {
            return; // body after routing cannot happen in FULL_DUPLEX_STREAMED once end_of_stream was seen
        }
        body = body.concat(chunk.getBody()); // a rope: no copying while buffering
        if (body.size() > picker.maxBodyBytes()) {
            body = ByteString.EMPTY;
            reject(413, Replies.BODY_TOO_LARGE, "request body exceeds " + picker.maxBodyBytes() + " bytes");
            return;
        }
        if (chunk.getEndOfStream()) {
            routeBuffered(true);
        }
    }

    /** Trailers end a body that had no end_of_stream of its own. */
    private void onRequestTrailers() {
        if (phase == Phase.BUFFERING_BODY) {
            routeBuffered(false);
            if (phase == Phase.CLOSED) {
                return;
            }
        }
        send(Replies.requestTrailers());
    }

    /** The buffered JSON body ended: parse, route, then re-stream it byte-exact. Only malformed JSON is a 400. */
    private void routeBuffered(boolean bodyEndsStream) {
        InferenceRequest parsed = InferenceRequest.LOAD_ONLY;
        if (!body.isEmpty()) {
            try {
                parsed = RequestParser.parse(api, body);
            } catch (BadRequestException e) {
                reject(400, Replies.INVALID_BODY, e.getMessage());
                return;
            }
        }
        if (route(parsed, body.size())) {
            Replies.requestBody(body, bodyEndsStream).forEach(this::send);
            body = ByteString.EMPTY;
            phase = Phase.ROUTED;
        }
    }

    /** Schedules and answers the request headers; false when the picker answered the request itself. */
    private boolean route(InferenceRequest request, long contentLength) {
        picker.metrics().request(request.model());
        long started = System.nanoTime();
        Decision decision = picker.scheduler().schedule(request, hint, picker.objectives().priorityOf(objective));
        picker.metrics().schedulingTook(System.nanoTime() - started);
        if (decision instanceof Decision.Rejected rejected) {
            if (rejected.httpStatus() == 429) {
                picker.metrics().shed();
            }
            reject(rejected.httpStatus(), rejected.code(), rejected.message());
            return false;
        }
        Decision.Picked picked = (Decision.Picked) decision;
        holding = picked.primary();
        dispatch = picked.dispatch();
        picker.metrics().picked(holding.hostPort(), picked.degraded());
        send(Replies.destination(picked.destinationValue(), contentLength, Protocol.CONSUMED_HEADERS));
        return true;
    }

    private void onResponseHeaders(ProcessingRequest request) {
        String served = Protocol.servedEndpoint(request.getMetadataContext());
        if (served != null) {
            picker.metrics().served(served);
            moveHoldingTo(served);
        }
        response.headers(Protocol.headers(request.getResponseHeaders().getHeaders()));
        send(Replies.responseHeaders());
        if (request.getResponseHeaders().getEndOfStream()) {
            responseEnded();
        }
    }

    /** The first bytes are the first token; echoed at once (SSE tokens are never held back), then read for usage. */
    private void onResponseBody(HttpBody chunk) {
        if (!chunk.getBody().isEmpty() && response.succeeded()) {
            dispatch.firstToken(System.nanoTime());
        }
        send(Replies.responseBody(chunk.getBody(), chunk.getEndOfStream()));
        response.body(chunk.getBody());
        if (chunk.getEndOfStream()) {
            responseEnded();
        }
    }

    /** The proxy retried on a fallback: count the request against the endpoint that really serves it. */
    private void moveHoldingTo(String served) {
        if (holding == null || holding.hostPort().equals(served)) {
            return;
        }
        EndpointState actual = picker.registry().find(served);
        if (actual != null) {
            actual.adoptedFrom(holding);
            dispatch.movedTo(actual);
            holding = actual;
        }
    }

    /** The response ended (or its stream did): account it to the endpoint that served it and free that endpoint. */
    private void responseEnded() {
        if (!response.end() || holding == null) {
            return;
        }
        Usage usage = response.usage();
        dispatch.cachedTokensReported(usage.cachedTokens());
        holding.served().record(response.status(), usage.promptTokens(), usage.cachedTokens(), usage.completionTokens());
        picker.metrics().responded(holding.hostPort(), response.status(), usage.promptTokens(), usage.cachedTokens(),
                usage.completionTokens());
        release();
    }

    private void reject(int httpStatus, String code, String message) {
        picker.metrics().error(httpStatus);
        send(Replies.immediate(httpStatus, code, message));
        phase = Phase.CLOSED;
        out.onCompleted();
    }

    private void send(ProcessingResponse response) {
        if (!out.isCancelled()) {
            out.onNext(response);
        }
    }

    @Override
    public void onError(Throwable t) {
        work.run(this::streamEnded, false);
    }

    @Override
    public void onCompleted() {
        work.run(() -> {
            streamEnded();
            if (phase != Phase.CLOSED) {
                phase = Phase.CLOSED;
                out.onCompleted();
            }
        }, false);
    }

    /** A bug, not bad input (that is answered): end the stream so the proxy applies its failure mode. */
    private void failed(RuntimeException e) {
        LOG.warning(() -> "ext_proc stream failed: " + e);
        streamEnded();
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            if (!out.isCancelled()) {
                out.onError(Status.INTERNAL.withDescription("endpoint picker error").asRuntimeException());
            }
        }
    }

    /** A response cut short still counts with the status it had; then everything the stream held is freed. */
    private void streamEnded() {
        responseEnded();
        release();
    }

    /** Idempotent: the response or the stream ended (normally, cancelled, or abandoned): give back what it held. */
    private void release() {
        if (holding != null) {
            holding.released();
            holding = null;
        }
        dispatch.ended();
        dispatch = Dispatch.NONE;
        body = ByteString.EMPTY;
    }

    private static long declaredLength(Map<String, String> headers) {
        String value = headers.get("content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
