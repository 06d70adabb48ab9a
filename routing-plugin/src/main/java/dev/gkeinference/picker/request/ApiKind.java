package dev.gkeinference.picker.request;

import java.util.Locale;

/**
 * The inference APIs whose JSON body the picker reads, recognised by the end of the request path (so prefixed
 * routes such as {@code /openai/v1/chat/completions} count too). Anything else is routed on load alone.
 */
public enum ApiKind {
    CHAT_COMPLETIONS("/chat/completions"),
    COMPLETIONS("/completions"),
    RESPONSES("/responses"),
    ANTHROPIC_MESSAGES("/messages"),
    EMBEDDINGS("/embeddings");

    private final String pathSuffix;

    ApiKind(String pathSuffix) {
        this.pathSuffix = pathSuffix;
    }

    /**
     * The API of a request whose body the picker should read: a known path with a JSON body (or no content type,
     * as some clients send). Null for anything else — another path, or a body that is not JSON (an audio upload).
     */
    public static ApiKind of(String path, String contentType) {
        if (path == null || !isJson(contentType)) {
            return null;
        }
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (ApiKind kind : values()) { // chat first: "/chat/completions" also ends with "/completions"
            if (p.endsWith(kind.pathSuffix)) {
                return kind;
            }
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }
}
