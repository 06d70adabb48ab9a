package dev.gkeinference.bench.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One ext_proc stream driven the way Envoy drives it with request and response bodies in FULL_DUPLEX_STREAMED mode:
 * request headers first, then body chunks as they arrive; the upstream request waits for the headers response
 * (whose x-gateway-destination-endpoint header or envoy.lb metadata names the endpoints) and uses the body the
 * picker streams back; response headers carry the served endpoint in envoy.lb metadata, and response body chunks
 * go through the picker and reach the client as the picker streams them back.
 */
final class ExtProcSession implements RoutingSession, StreamObserver<ProcessingResponse> {
    static final String DESTINATION_HEADER = "x-gateway-destination-endpoint";
    static final String SERVED_KEY = "x-gateway-destination-endpoint-served";
    static final String LB_NAMESPACE = "envoy.lb";

    private final Duration timeout;
    private final StreamObserver<ProcessingRequest> toPicker;
    private final CompletableFuture<RouteDecision> headersReply = new CompletableFuture<>();
    private final CompletableFuture<byte[]> bodyReply = new CompletableFuture<>();
    private final CompletableFuture<List<Header>> responseHeadersReply = new CompletableFuture<>();
    private final CompletableFuture<Void> responseDone = new CompletableFuture<>();
    private final ByteArrayOutputStream originalBody = new ByteArrayOutputStream();
    private final ByteArrayOutputStream streamedBody = new ByteArrayOutputStream();
    private boolean firstMessageSent;
    private volatile DownstreamSink sink;
    private volatile boolean pickerClosedStream;
    private volatile long requestEndedNanos = -1;
    private volatile long routedNanos = -1;

    ExtProcSession(ExternalProcessorGrpc.ExternalProcessorStub stub, Duration timeout) {
        this.timeout = timeout;
        this.toPicker = stub.process(this);
    }

    @Override
    public void requestHeaders(List<Header> headers, boolean endOfStream) throws IOException {
        if (endOfStream) {
            requestEndedNanos = System.nanoTime();
        }
        send(ProcessingRequest.newBuilder()
                .setRequestHeaders(HttpHeaders.newBuilder().setHeaders(headerMap(headers)).setEndOfStream(endOfStream)));
        if (endOfStream) {
            bodyReply.complete(new byte[0]);
        }
    }

    @Override
    public void requestBody(byte[] chunk, boolean endOfStream) throws IOException {
        originalBody.writeBytes(chunk);
        if (endOfStream) {
            requestEndedNanos = System.nanoTime();
        }
        send(ProcessingRequest.newBuilder()
                .setRequestBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(chunk)).setEndOfStream(endOfStream)));
    }

    @Override
    public RouteDecision awaitRoute() throws IOException {
        RouteDecision decision = await(headersReply, "request headers response");
        if (decision instanceof RouteDecision.Forward forward) {
            byte[] body = await(bodyReply, "request body response");
            return new RouteDecision.Forward(forward.endpoints(), body, forward.extraHeaders());
        }
        return decision;
    }

    @Override
    public List<Header> responseHeaders(int status, List<Header> headers, Endpoint served, DownstreamSink sink)
            throws IOException {
        this.sink = sink;
        if (pickerClosedStream) {
            return List.of();
        }
        List<Header> all = new ArrayList<>();
        all.add(new Header(":status", Integer.toString(status)));
        all.addAll(headers);
        Struct lb = Struct.newBuilder()
                .putFields(SERVED_KEY, Value.newBuilder().setStringValue(served.toString()).build()).build();
        send(ProcessingRequest.newBuilder()
                .setResponseHeaders(HttpHeaders.newBuilder().setHeaders(headerMap(all)))
                .setMetadataContext(Metadata.newBuilder().putFilterMetadata(LB_NAMESPACE, lb)));
        return await(responseHeadersReply, "response headers response");
    }

    @Override
    public void responseBody(byte[] chunk, boolean endOfStream) throws IOException {
        if (pickerClosedStream) {
            // The picker chose not to see the response: Envoy then forwards it untouched.
            if (chunk.length > 0) {
                sink.write(chunk);
            }
            if (endOfStream) {
                responseDone.complete(null);
            }
            return;
        }
        send(ProcessingRequest.newBuilder()
                .setResponseBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(chunk)).setEndOfStream(endOfStream)));
    }

    @Override
    public long routingNanos() {
        long ended = requestEndedNanos;
        long routed = routedNanos;
        return ended < 0 || routed < 0 ? -1 : routed - ended;
    }

    @Override
    public void awaitResponseComplete() throws IOException {
        await(responseDone, "response body end of stream");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (responseDone.isDone() && !responseDone.isCompletedExceptionally()) {
                try {
                    toPicker.onCompleted();
                } catch (RuntimeException ignored) {
                    // already closed by the picker
                }
            } else if (toPicker instanceof ClientCallStreamObserver<ProcessingRequest> call) {
                call.cancel("gateway abandoned the request", null);
            }
        }
        IOException closed = new IOException("session closed");
        failAll(closed);
    }

    // ---- messages from the picker ----

    @Override
    public void onNext(ProcessingResponse r) {
        if (routedNanos < 0 && (r.hasRequestHeaders() || r.hasImmediateResponse())) {
            routedNanos = System.nanoTime();
        }
        try {
            switch (r.getResponseCase()) {
                case IMMEDIATE_RESPONSE -> onImmediate(r.getImmediateResponse());
                case REQUEST_HEADERS -> headersReply.complete(forwardDecision(r));
                case REQUEST_BODY -> onRequestBody(r.getRequestBody());
                case RESPONSE_HEADERS -> responseHeadersReply.complete(
                        setHeaders(r.getResponseHeaders().getResponse()));
                case RESPONSE_BODY -> onResponseBody(r.getResponseBody());
                default -> {
                    // trailers responses carry nothing the gateway needs
                }
            }
        } catch (IOException | RuntimeException e) {
            failAll(e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public void onError(Throwable t) {
        failAll(new IOException("ext_proc stream failed: " + t.getMessage(), t));
    }

    @Override
    public void onCompleted() {
        pickerClosedStream = true;
        if (!headersReply.isDone()) {
            failAll(new IOException("ext_proc stream ended before the request headers response"));
        }
        // From here on the response passes through untouched (the picker skipped response processing).
        responseHeadersReply.complete(List.of());
    }

    private void onImmediate(ImmediateResponse ir) {
        List<Header> headers = new ArrayList<>();
        for (HeaderValueOption o : ir.getHeaders().getSetHeadersList()) {
            headers.add(new Header(o.getHeader().getKey(), headerValue(o.getHeader())));
        }
        int status = ir.getStatus().getCodeValue() == 0 ? 500 : ir.getStatus().getCodeValue();
        headersReply.complete(new RouteDecision.Immediate(status, headers, ir.getBody().toByteArray()));
        bodyReply.complete(new byte[0]);
        IOException late = new IOException("picker answered immediately with " + status);
        responseHeadersReply.completeExceptionally(late);
        responseDone.completeExceptionally(late);
    }

    private void onRequestBody(BodyResponse body) {
        var mutation = body.getResponse().getBodyMutation();
        if (mutation.hasStreamedResponse()) {
            streamedBody.writeBytes(mutation.getStreamedResponse().getBody().toByteArray());
            if (mutation.getStreamedResponse().getEndOfStream()) {
                bodyReply.complete(streamedBody.toByteArray());
            }
        } else if (mutation.getBody().size() > 0) {
            bodyReply.complete(mutation.getBody().toByteArray());
        } else {
            bodyReply.complete(originalBody.toByteArray());
        }
    }

    private void onResponseBody(BodyResponse body) throws IOException {
        var streamed = body.getResponse().getBodyMutation().getStreamedResponse();
        byte[] bytes = streamed.getBody().toByteArray();
        if (bytes.length > 0) {
            sink.write(bytes);
        }
        if (streamed.getEndOfStream()) {
            responseDone.complete(null);
        }
    }

    private RouteDecision forwardDecision(ProcessingResponse r) {
        CommonResponse common = r.getRequestHeaders().getResponse();
        List<Header> set = setHeaders(common);
        String destination = null;
        List<Header> extra = new ArrayList<>();
        for (Header h : set) {
            if (h.name().equals(DESTINATION_HEADER)) {
                destination = h.value();
            } else {
                extra.add(h);
            }
        }
        if (destination == null && r.hasDynamicMetadata()) {
            Value v = r.getDynamicMetadata().getFieldsOrDefault(LB_NAMESPACE, Value.getDefaultInstance())
                    .getStructValue().getFieldsOrDefault(DESTINATION_HEADER, Value.getDefaultInstance());
            destination = v.getStringValue().isEmpty() ? null : v.getStringValue();
        }
        if (destination == null) {
            return new RouteDecision.Immediate(503, List.of(),
                    "picker named no destination endpoint".getBytes(StandardCharsets.UTF_8));
        }
        return new RouteDecision.Forward(Endpoint.parseList(destination), null, extra);
    }

    // ---- helpers ----

    private void send(ProcessingRequest.Builder message) throws IOException {
        synchronized (this) {
            if (!firstMessageSent) {
                // Envoy announces its body modes on the first message of each stream.
                message.setProtocolConfig(ProtocolConfiguration.newBuilder()
                        .setRequestBodyMode(ProcessingMode.BodySendMode.FULL_DUPLEX_STREAMED)
                        .setResponseBodyMode(ProcessingMode.BodySendMode.FULL_DUPLEX_STREAMED));
                firstMessageSent = true;
            }
            try {
                toPicker.onNext(message.build());
            } catch (RuntimeException e) {
                throw new IOException("ext_proc send failed: " + e.getMessage(), e);
            }
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no " + what + " from the picker within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what);
        }
    }

    private void failAll(IOException e) {
        headersReply.completeExceptionally(e);
        bodyReply.completeExceptionally(e);
        responseHeadersReply.completeExceptionally(e);
        responseDone.completeExceptionally(e);
    }

    private static HeaderMap headerMap(List<Header> headers) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        for (Header h : headers) {
            map.addHeaders(HeaderValue.newBuilder().setKey(h.name())
                    .setRawValue(ByteString.copyFromUtf8(h.value())));
        }
        return map.build();
    }

    private static List<Header> setHeaders(CommonResponse common) {
        List<Header> out = new ArrayList<>();
        for (HeaderValueOption o : common.getHeaderMutation().getSetHeadersList()) {
            out.add(new Header(o.getHeader().getKey(), headerValue(o.getHeader())));
        }
        return out;
    }

    private static String headerValue(HeaderValue v) {
        return v.getRawValue().isEmpty() ? v.getValue() : v.getRawValue().toStringUtf8();
    }
}
