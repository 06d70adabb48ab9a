package dev.gkeinference.bench.gateway;

import java.io.IOException;

/** Where response body bytes for the client go once the routing session has processed them. */
public interface DownstreamSink {
    void write(byte[] chunk) throws IOException;
}
