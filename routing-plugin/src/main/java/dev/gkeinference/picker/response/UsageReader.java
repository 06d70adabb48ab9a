package dev.gkeinference.picker.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the final token usage in a response body as its chunks pass by, in bounded memory. Server-sent events
 * ({@code text/event-stream}): every {@code data:} line that mentions {@code "usage"} is parsed (OpenAI's last chunk
 * with {@code stream_options.include_usage}, the Responses API's {@code response.completed}, Anthropic's
 * {@code message_start} and {@code message_delta}). Any other body: the last {@code "usage": {...}} object in its
 * final {@value #TAIL_BYTES} bytes (servers write usage last).
 */
public final class UsageReader {

    static final int TAIL_BYTES = 64 * 1024;
    private static final int MAX_EVENT_LINE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory());
    private static final byte[] USAGE_KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final boolean events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;
    private ByteString tail = ByteString.EMPTY;
    private Usage usage = Usage.UNKNOWN;

    private UsageReader(boolean events) {
        this.events = events;
    }

    public static UsageReader forContentType(String contentType) {
        return new UsageReader(contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream"));
    }

    public void accept(ByteString chunk) {
        if (events) {
            for (int i = 0; i < chunk.size(); i++) {
                eventByte(chunk.byteAt(i));
            }
        } else {
            tail = tail.concat(chunk); // a rope: trimmed only when it is well past the window
            if (tail.size() > 2 * TAIL_BYTES) {
                tail = tail.substring(tail.size() - TAIL_BYTES);
            }
        }
    }

    /** The usage found in everything accepted so far. */
    public Usage usage() {
        if (!events && !tail.isEmpty()) {
            usage = lastUsageObject(tail.toByteArray()).over(usage);
            tail = ByteString.EMPTY;
        }
        return usage;
    }

    private void eventByte(byte b) {
        if (b != '\n') {
            if (line.size() < MAX_EVENT_LINE) {
                line.write(b);
            } else {
                lineTooLong = true;
            }
            return;
        }
        if (!lineTooLong) {
            eventLine(line.toByteArray());
        }
        line.reset();
        lineTooLong = false;
    }

    private void eventLine(byte[] bytes) {
        if (bytes.length < 6 || !startsWith(bytes, "data:") || indexOf(bytes, USAGE_KEY, 0) < 0) {
            return;
        }
        JsonNode event = parse(bytes, 5);
        if (event == null) {
            return;
        }
        JsonNode node = event.get("usage");
        if (node == null || !node.isObject()) {
            node = event.path("response").get("usage"); // Responses API
        }
        if (node == null || !node.isObject()) {
            node = event.path("message").get("usage"); // Anthropic message_start
        }
        usage = Usage.of(node).over(usage);
    }

    private static Usage lastUsageObject(byte[] bytes) {
        for (int at = lastIndexOf(bytes, USAGE_KEY); at >= 0; at = lastIndexOf(bytes, USAGE_KEY, at - 1)) {
            int i = skipSpaces(bytes, at + USAGE_KEY.length);
            if (i < bytes.length && bytes[i] == ':') {
                i = skipSpaces(bytes, i + 1);
                if (i < bytes.length && bytes[i] == '{') {
                    return Usage.of(parse(bytes, i));
                }
            }
        }
        return Usage.UNKNOWN;
    }

    /** The first JSON value from {@code offset}; what follows it is ignored. Null when it is not JSON. */
    private static JsonNode parse(byte[] bytes, int offset) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes, offset, bytes.length - offset);
             var parser = JSON.createParser(in)) {
            return parser.readValueAsTree();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int skipSpaces(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from) {
        outer:
        for (int i = from; i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte[] needle) {
        return lastIndexOf(b, needle, b.length - needle.length);
    }

    private static int lastIndexOf(byte[] b, byte[] needle, int from) {
        outer:
        for (int i = Math.min(from, b.length - needle.length); i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
