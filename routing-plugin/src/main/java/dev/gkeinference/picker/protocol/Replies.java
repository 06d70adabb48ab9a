package dev.gkeinference.picker.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.TrailersResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;

import java.util.ArrayList;
import java.util.List;

/** Builds the ProcessingResponse messages of the Endpoint Picker Protocol. */
public final class Replies {

    /** Largest body chunk sent back: some Envoy builds cap a streamed body message at 64 KiB. */
    public static final int BODY_CHUNK_LIMIT = 62000;
    /** The upstream picker's header naming why it answered a request itself; every immediate response has it. */
    public static final String REASON_HEADER = "x-llm-d-request-dropped-reason";
    public static final String INVALID_BODY = "invalid-request-body";
    public static final String BODY_TOO_LARGE = "request-body-too-large";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    /**
     * The request-headers answer carrying the routing decision: destination header (overwriting any the client
     * sent), the same value in {@code envoy.lb} dynamic metadata, route cache cleared so the new header counts.
     */
    public static ProcessingResponse destination(String endpoints, long contentLength, List<String> removeHeaders) {
        HeaderMutation.Builder mutation = HeaderMutation.newBuilder()
                .addSetHeaders(overwrite(Protocol.DESTINATION_HEADER, endpoints));
        if (contentLength >= 0) {
            mutation.addSetHeaders(overwrite("content-length", Long.toString(contentLength)));
        }
        mutation.addAllRemoveHeaders(removeHeaders);
        Struct lb = Struct.newBuilder()
                .putFields(Protocol.DESTINATION_HEADER, Value.newBuilder().setStringValue(endpoints).build())
                .build();
        return ProcessingResponse.newBuilder()
                .setRequestHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.newBuilder()
                        .setClearRouteCache(true)
                        .setHeaderMutation(mutation)))
                .setDynamicMetadata(Struct.newBuilder()
                        .putFields(Protocol.LB_NAMESPACE, Value.newBuilder().setStructValue(lb).build()))
                .build();
    }

    /** The request body re-streamed in chunks of at most 62000 bytes; an empty body is one empty chunk. */
    public static List<ProcessingResponse> requestBody(ByteString body, boolean endOfStream) {
        int size = body.size();
        List<ProcessingResponse> out = new ArrayList<>(size / BODY_CHUNK_LIMIT + 1);
        int offset = 0;
        do {
            int end = Math.min(size, offset + BODY_CHUNK_LIMIT);
            boolean last = end == size;
            out.add(ProcessingResponse.newBuilder()
                    .setRequestBody(streamedBody(body.substring(offset, end), last && endOfStream))
                    .build());
            offset = end;
        } while (offset < size);
        return out;
    }

    public static ProcessingResponse requestTrailers() {
        return ProcessingResponse.newBuilder().setRequestTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    public static ProcessingResponse responseHeaders() {
        return ProcessingResponse.newBuilder()
                .setResponseHeaders(HeadersResponse.newBuilder().setResponse(CommonResponse.getDefaultInstance()))
                .build();
    }

    /** A response body chunk echoed unchanged, at once, so streamed tokens (SSE) reach the client as produced. */
    public static ProcessingResponse responseBody(ByteString chunk, boolean endOfStream) {
        return ProcessingResponse.newBuilder().setResponseBody(streamedBody(chunk, endOfStream)).build();
    }

    public static ProcessingResponse responseTrailers() {
        return ProcessingResponse.newBuilder().setResponseTrailers(TrailersResponse.getDefaultInstance()).build();
    }

    /**
     * The picker answers the client itself (400, 413, 429, 503) the way OpenAI-compatible servers do: a JSON error
     * body, {@code content-type: application/json}, and the reason code in {@link #REASON_HEADER}.
     */
    public static ProcessingResponse immediate(int httpStatus, String code, String message) {
        StatusCode status = StatusCode.forNumber(httpStatus);
        return ProcessingResponse.newBuilder()
                .setImmediateResponse(ImmediateResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(status == null ? StatusCode.InternalServerError : status))
                        .setHeaders(HeaderMutation.newBuilder()
                                .addSetHeaders(overwrite("content-type", "application/json"))
                                .addSetHeaders(overwrite(REASON_HEADER, code)))
                        .setBody(errorBody(httpStatus, code, message))
                        .setDetails(code))
                .build();
    }

    /** {@code {"error":{"message":…,"type":…,"param":null,"code":…}}}, the OpenAI error shape. */
    private static ByteString errorBody(int httpStatus, String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", httpStatus == 429 ? "rate_limit_error" : httpStatus >= 500 ? "server_error"
                        : "invalid_request_error")
                .putNull("param")
                .put("code", code);
        try {
            return ByteString.copyFrom(JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
    }

    private static BodyResponse streamedBody(ByteString chunk, boolean endOfStream) {
        return BodyResponse.newBuilder().setResponse(CommonResponse.newBuilder()
                        .setBodyMutation(BodyMutation.newBuilder().setStreamedResponse(
                                StreamedBodyResponse.newBuilder().setBody(chunk).setEndOfStream(endOfStream))))
                .build();
    }

    private static HeaderValueOption overwrite(String key, String value) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(key).setRawValue(ByteString.copyFromUtf8(value)))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                .build();
    }
}
