package dev.gkeinference.bench.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes OpenAI-shaped responses: one SSE event per token when streaming, one JSON document otherwise. */
final class ResponseWriter {
    private final CompletionRequest req;
    private final String id;
    private final long created = System.currentTimeMillis() / 1000;
    private final StringBuilder text = new StringBuilder();

    ResponseWriter(CompletionRequest req, String id) {
        this.req = req;
        this.id = id;
    }

    boolean streaming() {
        return req.stream();
    }

    void token(OutputStream out, int index, int outputTokens) throws IOException {
        String piece = SimulatedAnswer.token(index);
        if (!req.stream()) {
            text.append(piece);
            return;
        }
        String finish = index >= outputTokens ? "\"length\"" : "null";
        String choice = req.chat()
                ? "{\"index\":0,\"delta\":{" + (index == 1 ? "\"role\":\"assistant\"," : "") + "\"content\":\""
                        + piece + "\"},\"finish_reason\":" + finish + "}"
                : "{\"index\":0,\"text\":\"" + piece + "\",\"logprobs\":null,\"finish_reason\":" + finish + "}";
        event(out, head(req.chat() ? "chat.completion.chunk" : "text_completion") + ",\"choices\":[" + choice + "]}");
    }

    void endStream(OutputStream out, SimRequest.Finished done) throws IOException {
        if (req.includeUsage()) {
            event(out, head(req.chat() ? "chat.completion.chunk" : "text_completion") + ",\"choices\":[],\"usage\":"
                    + usage(done) + "}");
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String wholeResponse(SimRequest.Finished done) {
        String choice = req.chat()
                ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                        + "\"},\"finish_reason\":\"length\"}"
                : "{\"index\":0,\"text\":\"" + text + "\",\"logprobs\":null,\"finish_reason\":\"length\"}";
        return head(req.chat() ? "chat.completion" : "text_completion") + ",\"choices\":[" + choice + "],\"usage\":"
                + usage(done) + "}";
    }

    private String head(String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"" + object + "\",\"created\":" + created + ",\"model\":\""
                + req.model().replace("\"", "") + "\"";
    }

    private static String usage(SimRequest.Finished d) {
        return "{\"prompt_tokens\":" + d.promptTokens() + ",\"completion_tokens\":" + d.completionTokens()
                + ",\"total_tokens\":" + (d.promptTokens() + d.completionTokens())
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + d.cachedTokens() + "}}";
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
