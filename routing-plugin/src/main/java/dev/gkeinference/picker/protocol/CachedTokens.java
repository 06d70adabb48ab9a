package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;

/**
 * Finds {@code usage.prompt_tokens_details.cached_tokens} in a response body chunk (the last SSE event of a
 * stream with {@code include_usage}, or a whole JSON response) without parsing the JSON around it.
 */
final class CachedTokens {
    private static final String KEY = "\"cached_tokens\":";
    private static final ByteString KEY_BYTES = ByteString.copyFromUtf8(KEY);

    private CachedTokens() {
    }

    /** The reported count, or -1 when the chunk carries none. */
    static int find(ByteString chunk) {
        if (chunk.size() < KEY.length() || !contains(chunk)) {
            return -1;
        }
        String text = chunk.toStringUtf8();
        int at = text.lastIndexOf(KEY) + KEY.length();
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        int end = at;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == at || end - at > 9 ? -1 : Integer.parseInt(text.substring(at, end));
    }

    private static boolean contains(ByteString chunk) {
        byte first = KEY_BYTES.byteAt(0);
        outer:
        for (int i = 0; i <= chunk.size() - KEY_BYTES.size(); i++) {
            if (chunk.byteAt(i) != first) {
                continue;
            }
            for (int j = 1; j < KEY_BYTES.size(); j++) {
                if (chunk.byteAt(i + j) != KEY_BYTES.byteAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
