package dev.gkeinference.bench.gateway;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Routing by an external endpoint picker, over one plaintext gRPC channel to its ext_proc port on loopback. */
public final class ExtProcRouting implements RoutingSessionFactory {
    private final String name;
    private final ManagedChannel channel;
    private final ExecutorService callbacks;
    private final ExternalProcessorGrpc.ExternalProcessorStub stub;
    private final Duration messageTimeout;

    public ExtProcRouting(String name, int extProcPort, Duration messageTimeout) {
        this.name = name;
        this.messageTimeout = messageTimeout;
        // Callbacks write response chunks to the client socket and may block briefly: keep them off gRPC's threads.
        this.callbacks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ext-proc-client");
            t.setDaemon(true);
            return t;
        });
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", extProcPort)
                .usePlaintext()
                .executor(callbacks)
                .build();
        this.stub = ExternalProcessorGrpc.newStub(channel);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RoutingSession open() {
        return new ExtProcSession(stub, messageTimeout);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }
}
