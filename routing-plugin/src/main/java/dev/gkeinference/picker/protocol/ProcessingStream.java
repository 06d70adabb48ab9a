package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.request.BadRequestException;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.request.RequestParser;
import dev.gkeinference.picker.scheduling.Decision;
import dev.gkeinference.picker.scheduling.Dispatch;
import dev.gkeinference.picker.scheduling.SubsetHint;
import dev.gkeinference.picker.state.EndpointState;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Map;

/**
 * One ext_proc stream = one HTTP exchange. Request side: hold the headers answer until the body has ended, route,
 * answer headers (destination), then re-stream the body. Response side: pass everything through as it comes.
 * gRPC delivers the messages of one stream one at a time, so the state here needs no locking.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {

    private enum Phase { AWAITING_HEADERS, BUFFERING_BODY, ROUTED, CLOSED }

    private final PickerContext picker;
    private final ServerCallStreamObserver<ProcessingResponse> out;
    private Phase phase = Phase.AWAITING_HEADERS;
    private SubsetHint hint = SubsetHint.NONE;
    private String objective;
    private ByteString body = ByteString.EMPTY;
    /** The endpoint counted as serving this request until the stream ends. */
    private EndpointState holding;
    /** The scheduler's follow-up of this request: first token, reported cached tokens, end. */
    private Dispatch dispatch = Dispatch.NONE;

    ProcessingStream(PickerContext picker, ServerCallStreamObserver<ProcessingResponse> out) {
        this.picker = picker;
        this.out = out;
        out.setOnCancelHandler(this::release);
    }

    @Override
    public void onNext(ProcessingRequest request) {
        if (phase == Phase.CLOSED) {
            return; // an immediate response ended the exchange; the proxy is closing the stream
        }
        switch (request.getRequestCase()) {
            case REQUEST_HEADERS -> onRequestHeaders(request);
            case REQUEST_BODY -> onRequestBody(request.getRequestBody());
            case REQUEST_TRAILERS -> onRequestTrailers();
            case RESPONSE_HEADERS -> onResponseHeaders(request);
            case RESPONSE_BODY -> onResponseBody(request.getResponseBody());
            case RESPONSE_TRAILERS -> send(Replies.responseTrailers());
            default -> { } // nothing else is sent by a proxy in the configured processing mode
        }
    }

    private void onRequestHeaders(ProcessingRequest request) {
        HttpHeaders httpHeaders = request.getRequestHeaders();
        Map<String, String> headers = Protocol.headers(httpHeaders.getHeaders());
        hint = Protocol.subsetHint(request.getMetadataContext());
        objective = headers.get(Protocol.OBJECTIVE_HEADER);
        if (declaredLength(headers) > picker.maxBodyBytes()) {
            reject(413, "request body exceeds " + picker.maxBodyBytes() + " bytes");
            return;
        }
        if (httpHeaders.getEndOfStream()) {
            routeWithoutBody(false);
        } else {
            phase = Phase.BUFFERING_BODY;
        }
    }

    private void onRequestBody(HttpBody chunk) {
        if (phase != Phase.BUFFERING_BODY) {
            return; // body after routing cannot happen in FULL_DUPLEX_STREAMED once end_of_stream was seen
        }
        body = body.concat(chunk.getBody()); // a rope: no copying while buffering
        if (body.size() > picker.maxBodyBytes()) {
            body = ByteString.EMPTY;
            reject(413, "request body exceeds " + picker.maxBodyBytes() + " bytes");
            return;
        }
        if (chunk.getEndOfStream()) {
            route(true);
        }
    }

    /** Trailers end a body that had no end_of_stream of its own. */
    private void onRequestTrailers() {
        if (phase == Phase.BUFFERING_BODY) {
            route(false);
            if (phase == Phase.CLOSED) {
                return;
            }
        }
        send(Replies.requestTrailers());
    }

    private void route(boolean bodyEndsStream) {
        if (body.isEmpty()) {
            routeWithoutBody(true);
            return;
        }
        InferenceRequest parsed;
        try {
            parsed = RequestParser.parse(body);
        } catch (BadRequestException e) {
            reject(400, e.getMessage());
            return;
        }
        picker.metrics().request(parsed.model());
        long started = System.nanoTime();
        Decision decision = picker.scheduler().schedule(parsed, hint, picker.objectives().priorityOf(objective));
        picker.metrics().schedulingTook(System.nanoTime() - started);
        if (decision instanceof Decision.Picked picked) {
            answerRouted(picked, body.size());
            for (ProcessingResponse chunk : Replies.requestBody(body, bodyEndsStream)) {
                send(chunk);
            }
            body = ByteString.EMPTY;
        } else {
            Decision.Rejected rejected = (Decision.Rejected) decision;
            if (rejected.httpStatus() == 429) {
                picker.metrics().shed();
            }
            reject(rejected.httpStatus(), rejected.reason());
        }
    }

    /** No body (e.g. GET): any ready endpoint at once; an empty body stream still gets its one empty chunk. */
    private void routeWithoutBody(boolean bodyWasStreamed) {
        Decision decision = picker.scheduler().pickRandom(hint);
        if (decision instanceof Decision.Picked picked) {
            answerRouted(picked, bodyWasStreamed ? 0 : -1);
            if (bodyWasStreamed) {
                send(Replies.requestBody(ByteString.EMPTY, true).get(0));
            }
        } else {
            Decision.Rejected rejected = (Decision.Rejected) decision;
            reject(rejected.httpStatus(), rejected.reason());
        }
    }

    private void answerRouted(Decision.Picked picked, long contentLength) {
        holding = picked.primary();
        dispatch = picked.dispatch();
        picker.metrics().picked(holding.hostPort());
        send(Replies.destination(picked.destinationValue(), contentLength, Protocol.CONSUMED_HEADERS));
        phase = Phase.ROUTED;
    }

    private void onResponseBody(HttpBody chunk) {
        ByteString bytes = chunk.getBody();
        if (!bytes.isEmpty()) {
            dispatch.firstToken(System.nanoTime());
            int cached = CachedTokens.find(bytes);
            if (cached >= 0) {
                dispatch.cachedTokensReported(cached);
            }
        }
        send(Replies.responseBody(bytes, chunk.getEndOfStream()));
    }

    private void onResponseHeaders(ProcessingRequest request) {
        String served = Protocol.servedEndpoint(request.getMetadataContext());
        if (served != null) {
            picker.metrics().served(served);
            moveHoldingTo(served);
        }
        send(Replies.responseHeaders());
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

    private void reject(int httpStatus, String reason) {
        picker.metrics().error(httpStatus);
        send(Replies.immediate(httpStatus, reason));
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
        release();
    }

    @Override
    public void onCompleted() {
        release();
        if (phase != Phase.CLOSED) {
            phase = Phase.CLOSED;
            out.onCompleted();
        }
    }

    /** Idempotent: the stream ended (normally, cancelled, or abandoned): give back everything it held. */
    private void release() {
        if (holding != null) {
            holding.released();
            holding = null;
        }
        dispatch.ended();
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
