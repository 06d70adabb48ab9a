package dev.gkeinference.bench.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal endpoint picker for tests, following the protocol: holds the headers response until the request body's
 * end of stream, then names {@code destination} in the header and in envoy.lb metadata and re-streams the body;
 * echoes response chunks; answers 429 at once when the request carries {@code x-test-shed}. Records every message.
 */
final class RecordingExtProcServer implements AutoCloseable {
    final List<ProcessingRequest> received = new CopyOnWriteArrayList<>();
    private final Server server;
    private volatile String destination;

    RecordingExtProcServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ExternalProcessorGrpc.ExternalProcessorImplBase() {
                    @Override
                    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> out) {
                        return new Stream(out);
                    }
                }).build().start();
    }

    int port() {
        return server.getPort();
    }

    void destination(String value) {
        destination = value;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Stream implements StreamObserver<ProcessingRequest> {
        private final StreamObserver<ProcessingResponse> out;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean shed;

        Stream(StreamObserver<ProcessingResponse> out) {
            this.out = out;
        }

        @Override
        public void onNext(ProcessingRequest r) {
            received.add(r);
            switch (r.getRequestCase()) {
                case REQUEST_HEADERS -> {
                    shed = r.getRequestHeaders().getHeaders().getHeadersList().stream()
                            .anyMatch(h -> h.getKey().equals("x-test-shed"));
                    if (r.getRequestHeaders().getEndOfStream()) {
                        route();
                    }
                }
                case REQUEST_BODY -> {
                    body.writeBytes(r.getRequestBody().getBody().toByteArray());
                    if (r.getRequestBody().getEndOfStream()) {
                        route();
                    }
                }
                case RESPONSE_HEADERS -> out.onNext(ProcessingResponse.newBuilder().setResponseHeaders(
                        HeadersResponse.newBuilder().setResponse(CommonResponse.newBuilder().setHeaderMutation(
                                HeaderMutation.newBuilder().addSetHeaders(header("x-went-into-resp-headers",
                                        "true"))))).build());
                case RESPONSE_BODY -> out.onNext(ProcessingResponse.newBuilder().setResponseBody(
                        streamed(r.getResponseBody().getBody(), r.getResponseBody().getEndOfStream())).build());
                default -> {
                }
            }
        }

        private void route() {
            if (shed) {
                out.onNext(ProcessingResponse.newBuilder().setImmediateResponse(ImmediateResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.TooManyRequests))
                        .setBody(ByteString.copyFromUtf8("shed"))).build());
                out.onCompleted();
                return;
            }
            Struct lb = Struct.newBuilder().putFields(ExtProcSession.DESTINATION_HEADER,
                    Value.newBuilder().setStringValue(destination).build()).build();
            out.onNext(ProcessingResponse.newBuilder()
                    .setRequestHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.newBuilder()
                            .setClearRouteCache(true)
                            .setHeaderMutation(HeaderMutation.newBuilder()
                                    .addSetHeaders(header(ExtProcSession.DESTINATION_HEADER, destination)))))
                    .setDynamicMetadata(Struct.newBuilder().putFields(ExtProcSession.LB_NAMESPACE,
                            Value.newBuilder().setStructValue(lb).build()))
                    .build());
            byte[] all = body.toByteArray();
            int chunk = 62_000;
            for (int off = 0; off == 0 || off < all.length; off += chunk) {
                int end = Math.min(all.length, off + chunk);
                out.onNext(ProcessingResponse.newBuilder().setRequestBody(
                        streamed(ByteString.copyFrom(all, off, end - off), end == all.length)).build());
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
            out.onCompleted();
        }
    }

    private static HeaderValueOption header(String key, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(key)
                .setRawValue(ByteString.copyFromUtf8(value))).build();
    }

    private static BodyResponse streamed(ByteString bytes, boolean eos) {
        return BodyResponse.newBuilder().setResponse(CommonResponse.newBuilder().setBodyMutation(
                BodyMutation.newBuilder().setStreamedResponse(StreamedBodyResponse.newBuilder().setBody(bytes)
                        .setEndOfStream(eos)))).build();
    }
}
