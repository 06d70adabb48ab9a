package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.response.Usage;
import dev.gkeinference.picker.response.UsageReader;

import java.util.Map;

/** The response side of one exchange: its status and the usage its body reports, as they pass by. */
final class ResponseTracker {

    private int status;
    private UsageReader usage;
    private boolean ended;

    void headers(Map<String, String> headers) {
        status = parseStatus(headers.get(":status"));
        usage = UsageReader.forContentType(headers.get("content-type"));
    }

    void body(ByteString chunk) {
        if (usage != null) {
            usage.accept(chunk);
        }
    }

    /** True once response headers arrived and the response has not been ended before. */
    boolean end() {
        if (usage == null || ended) {
            return false;
        }
        ended = true;
        return true;
    }

    int status() {
        return status;
    }

    /** A 2xx status: its first body bytes are the first token. */
    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    Usage usage() {
        return usage == null ? Usage.UNKNOWN : usage.usage();
    }

    private static int parseStatus(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
