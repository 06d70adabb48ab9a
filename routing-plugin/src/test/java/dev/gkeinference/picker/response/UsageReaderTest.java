package dev.gkeinference.picker.response;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageReaderTest {

    /** Feeds the body in chunks of {@code chunk} bytes, so lines and objects straddle chunk boundaries. */
    private static Usage read(String contentType, String body, int chunk) {
        UsageReader reader = UsageReader.forContentType(contentType);
        ByteString all = ByteString.copyFromUtf8(body);
        for (int i = 0; i < all.size(); i += chunk) {
            reader.accept(all.substring(i, Math.min(all.size(), i + chunk)));
        }
        return reader.usage();
    }

    @Test
    void openAiJsonResponse() {
        String body = "{\"id\":\"c1\",\"choices\":[{\"text\":\"the usage of words\"}],\"usage\":{\"prompt_tokens\":120,"
                + "\"total_tokens\":130,\"completion_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":96}}}";
        assertEquals(new Usage(120, 96, 10), read("application/json", body, 7));
    }

    @Test
    void openAiStreamWithIncludeUsageReadsTheFinalChunk() {
        String body = "data: {\"choices\":[{\"text\":\"a\"}],\"usage\":null}\n\n"
                + "data: {\"choices\":[{\"text\":\"b\"}],\"usage\":null}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":64,\"completion_tokens\":2,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":48}}}\n\n"
                + "data: [DONE]\n\n";
        assertEquals(new Usage(64, 48, 2), read("text/event-stream; charset=utf-8", body, 5));
    }

    @Test
    void responsesApiStreamAndJson() {
        String stream = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"x\"}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\","
                + "\"usage\":{\"input_tokens\":300,\"input_tokens_details\":{\"cached_tokens\":256},\"output_tokens\":5}}}\n\n";
        assertEquals(new Usage(300, 256, 5), read("text/event-stream", stream, 11));
        String json = "{\"id\":\"r\",\"output\":[],\"usage\":{\"input_tokens\":40,\"input_tokens_details\":"
                + "{\"cached_tokens\":0},\"output_tokens\":3}}";
        assertEquals(new Usage(40, 0, 3), read("application/json", json, 1000));
    }

    @Test
    void anthropicMessagesStreamCombinesMessageStartAndDelta() {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":"
                + "{\"input_tokens\":20,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":4,"
                + "\"output_tokens\":1}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"hi\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n";
        // Anthropic's input_tokens exclude cache reads and writes: the prompt is all three.
        assertEquals(new Usage(124, 100, 15), read("text/event-stream", stream, 3));
        String json = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":"
                + "{\"input_tokens\":10,\"cache_read_input_tokens\":0,\"output_tokens\":2}}";
        assertEquals(new Usage(10, 0, 2), read("application/json", json, 4));
    }

    @Test
    void withoutUsageOrWithoutCachedTokensTheUnknownPartsStayUnknown() {
        assertEquals(Usage.UNKNOWN, read("text/event-stream", "data: {\"choices\":[]}\n\ndata: [DONE]\n\n", 4));
        assertEquals(new Usage(7, -1, 1), read(null,
                "{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"prompt_tokens_details\":null}}", 3));
        assertEquals(Usage.UNKNOWN, read("application/json", "not json at all", 3));
    }

    @Test
    void aLargeJsonBodyIsReadFromItsTailOnly() {
        String filler = "[" + "0.125,".repeat(40_000) + "0.5]";
        String body = "{\"data\":[{\"embedding\":" + filler + "}],\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9}}";
        assertEquals(new Usage(9, -1, -1), read("application/json", body, 16_384));
    }
}
