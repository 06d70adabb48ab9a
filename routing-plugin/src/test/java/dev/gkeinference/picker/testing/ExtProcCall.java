package dev.gkeinference.picker.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpTrailers;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ext_proc stream driven the way Envoy drives it in FULL_DUPLEX_STREAMED mode, over a real channel.
 * Responses are collected in arrival order.
 */
public final class ExtProcCall implements AutoCloseable {

    private final BlockingQueue<ProcessingResponse> responses = new LinkedBlockingQueue<>();
    private volatile Throwable error;
    private volatile boolean completed;
    private final Context.CancellableContext context = Context.current().withCancellation();
    private final StreamObserver<ProcessingRequest> requests;

    public ExtProcCall(ManagedChannel channel) {
        ExternalProcessorGrpc.ExternalProcessorStub stub = ExternalProcessorGrpc.newStub(channel);
        StreamObserver<ProcessingResponse> sink = new StreamObserver<>() {
            @Override
            public void onNext(ProcessingResponse value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {
                error = t;
            }

            @Override
            public void onCompleted() {
                completed = true;
            }
        };
        Context previous = context.attach();
        try {
            requests = stub.process(sink);
        } finally {
            context.detach(previous);
        }
    }

    public static ProcessingRequest headers(Map<String, String> headers, boolean endOfStream, Metadata metadata) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
        ProcessingRequest.Builder b = ProcessingRequest.newBuilder()
                .setRequestHeaders(HttpHeaders.newBuilder().setHeaders(map).setEndOfStream(endOfStream));
        if (metadata != null) {
            b.setMetadataContext(metadata);
        }
        return b.build();
    }

    public static Map<String, String> postHeaders(int contentLength) {
        return Map.of(":method", "POST", ":path", "/v1/completions", "content-type", "application/json",
                "content-length", Integer.toString(contentLength));
    }

    public static ProcessingRequest body(ByteString chunk, boolean endOfStream) {
        return ProcessingRequest.newBuilder()
                .setRequestBody(HttpBody.newBuilder().setBody(chunk).setEndOfStream(endOfStream)).build();
    }

    public static ProcessingRequest trailers() {
        return ProcessingRequest.newBuilder().setRequestTrailers(HttpTrailers.getDefaultInstance()).build();
    }

    /** A 200 server-sent-events response, as vLLM streams tokens. */
    public static ProcessingRequest responseHeaders(String servedEndpoint) {
        return responseHeaders(servedEndpoint, 200, "text/event-stream", false);
    }

    public static ProcessingRequest responseHeaders(String servedEndpoint, int status, String contentType,
                                                    boolean endOfStream) {
        ProcessingRequest.Builder b = ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder()
                .setEndOfStream(endOfStream)
                .setHeaders(HeaderMap.newBuilder().addHeaders(HeaderValue.newBuilder().setKey(":status")
                        .setRawValue(ByteString.copyFromUtf8(Integer.toString(status))))
                        .addHeaders(HeaderValue.newBuilder().setKey("content-type")
                                .setRawValue(ByteString.copyFromUtf8(contentType)))));
        if (servedEndpoint != null) {
            b.setMetadataContext(Metadata.newBuilder().putFilterMetadata("envoy.lb", Struct.newBuilder()
                    .putFields("x-gateway-destination-endpoint-served",
                            Value.newBuilder().setStringValue(servedEndpoint).build()).build()));
        }
        return b.build();
    }

    public static ProcessingRequest responseBody(String chunk, boolean endOfStream) {
        return ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFromUtf8(chunk)).setEndOfStream(endOfStream)).build();
    }

    public static Metadata subsetList(List<String> endpoints) {
        ListValue.Builder list = ListValue.newBuilder();
        endpoints.forEach(e -> list.addValues(Value.newBuilder().setStringValue(e)));
        return subset(Value.newBuilder().setListValue(list).build());
    }

    public static Metadata subsetString(String commaSeparated) {
        return subset(Value.newBuilder().setStringValue(commaSeparated).build());
    }

    private static Metadata subset(Value value) {
        return Metadata.newBuilder().putFilterMetadata("envoy.lb.subset_hint", Struct.newBuilder()
                .putFields("x-gateway-destination-endpoint-subset", value).build()).build();
    }

    public static ByteString completionBody(String model, String prompt) {
        return ByteString.copyFromUtf8("{\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\",\"max_tokens\":8}");
    }

    public ExtProcCall send(ProcessingRequest request) {
        requests.onNext(request);
        return this;
    }

    public ProcessingResponse next() {
        try {
            ProcessingResponse r = responses.poll(30, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no ProcessingResponse within 30 s; error=" + error);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next response, or null when none comes within {@code timeout} (or the stream failed). */
    public ProcessingResponse nextOrNull(java.time.Duration timeout) {
        try {
            return responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public Throwable error() {
        return error;
    }

    public boolean hasPending() {
        return !responses.isEmpty();
    }

    public boolean completed() {
        return completed;
    }

    public void halfClose() {
        requests.onCompleted();
    }

    public void cancel() {
        context.cancel(null);
    }

    @Override
    public void close() {
        if (!completed) {
            cancel();
        }
    }
}
