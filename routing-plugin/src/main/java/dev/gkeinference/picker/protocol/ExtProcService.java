package dev.gkeinference.picker.protocol;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code envoy.service.ext_proc.v3.ExternalProcessor/Process}: one {@link ProcessingStream} per call. */
public final class ExtProcService extends ExternalProcessorGrpc.ExternalProcessorImplBase {

    private final PickerContext picker;

    public ExtProcService(PickerContext picker) {
        this.picker = picker;
    }

    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responses) {
        return new ProcessingStream(picker, (ServerCallStreamObserver<ProcessingResponse>) responses);
    }
}
