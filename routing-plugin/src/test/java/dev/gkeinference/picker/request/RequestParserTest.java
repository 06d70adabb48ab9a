package dev.gkeinference.picker.request;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    private static InferenceRequest parse(String json) throws BadRequestException {
        // split into two chunks, as the body arrives: the parser reads the rope without joining it first
        ByteString all = ByteString.copyFromUtf8(json);
        return RequestParser.parse(all.substring(0, all.size() / 2).concat(all.substring(all.size() / 2)));
    }

    private static String prompt(InferenceRequest r) {
        return new String(r.prompt(), StandardCharsets.UTF_8);
    }

    @Test
    void completionsChatResponsesAndEmbeddings() throws Exception {
        InferenceRequest completion = parse("{\"model\":\"qwen\",\"prompt\":\"Grüße \\u00e9\",\"max_tokens\":5}");
        assertEquals("qwen", completion.model());
        assertEquals("Grüße é", prompt(completion));
        InferenceRequest chat = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"text\",\"text\":\"!\"}]}]}");
        assertEquals("system: be brief\nuser: hi!\n", prompt(chat));
        assertEquals("abc", prompt(parse("{\"model\":\"m\",\"input\":\"abc\"}")));
        assertEquals("ab", prompt(parse("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}")));
        assertEquals("", prompt(parse("{\"model\":\"m\"}")));
    }

    @Test
    void badBodiesGiveShortReasons() {
        assertTrue(assertThrows(BadRequestException.class, () -> parse("{\"model\":")).getMessage()
                .startsWith("request body is not valid JSON"));
        assertEquals("request body must be a JSON object",
                assertThrows(BadRequestException.class, () -> parse("[1,2]")).getMessage());
        assertEquals("request body has no \"model\" string",
                assertThrows(BadRequestException.class, () -> parse("{\"model\":7}")).getMessage());
    }
}
