package dev.gkeinference.picker.request;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    private static InferenceRequest parse(ApiKind kind, String json) throws BadRequestException {
        // split into two chunks, as the body arrives: the parser reads the rope without joining it first
        ByteString all = ByteString.copyFromUtf8(json);
        return RequestParser.parse(kind, all.substring(0, all.size() / 2).concat(all.substring(all.size() / 2)));
    }

    private static String prompt(InferenceRequest r) {
        return new String(r.prompt(), StandardCharsets.UTF_8);
    }

    @Test
    void completionsAndEmbeddings() throws Exception {
        InferenceRequest completion = parse(ApiKind.COMPLETIONS,
                "{\"model\":\"qwen\",\"prompt\":\"Grüße \\u00e9\",\"max_tokens\":5}");
        assertEquals("qwen", completion.model());
        assertEquals("Grüße é", prompt(completion));
        assertEquals("ab", prompt(parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")));
        assertEquals("abc", prompt(parse(ApiKind.EMBEDDINGS, "{\"model\":\"m\",\"input\":\"abc\"}")));
        assertEquals("xy", prompt(parse(ApiKind.EMBEDDINGS, "{\"model\":\"m\",\"input\":[\"x\",\"y\"]}")));
        // token ids: 4 little-endian bytes each, the same size as the picker's token estimate
        byte[] ids = parse(ApiKind.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,258]}").prompt();
        assertEquals(8, ids.length);
        assertEquals(1, ids[0]);
        assertEquals(2, ids[4]);
        assertEquals(1, ids[5]);
    }

    @Test
    void chatCompletionsPutToolsFirstThenTheMessages() throws Exception {
        InferenceRequest chat = parse(ApiKind.CHAT_COMPLETIONS, "{\"model\":\"m\",\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\"}}],\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"text\",\"text\":\"!\"}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\"}]}]}");
        assertEquals("tools: [{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]\n"
                + "system: be brief\nuser: hi!\nassistant: [{\"id\":\"c1\"}]\n", prompt(chat));
    }

    @Test
    void responsesApiUsesInstructionsInputAndTools() throws Exception {
        InferenceRequest r = parse(ApiKind.RESPONSES, "{\"model\":\"m\",\"instructions\":\"You are terse.\","
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\"}],\"input\":[{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"What is 2+2?\"}]}]}");
        assertEquals("tools: [{\"type\":\"function\",\"name\":\"f\"}]\nsystem: You are terse.\nuser: What is 2+2?\n",
                prompt(r));
        assertEquals("user: hello\n", prompt(parse(ApiKind.RESPONSES, "{\"model\":\"m\",\"input\":\"hello\"}")));
    }

    @Test
    void anthropicMessagesUseToolsSystemThenMessages() throws Exception {
        InferenceRequest r = parse(ApiKind.ANTHROPIC_MESSAGES, "{\"model\":\"claude\",\"max_tokens\":10,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Long shared policy.\"}],"
                + "\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Hello\"}]}]}");
        assertEquals("claude", r.model());
        assertEquals("tools: [{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]\n"
                + "system: Long shared policy.\nuser: Hi\nassistant: Hello\n", prompt(r));
    }

    @Test
    void jsonWithoutAModelOrNotAnObjectIsRoutedOnLoadAlone() throws Exception {
        assertSame(InferenceRequest.LOAD_ONLY, parse(ApiKind.CHAT_COMPLETIONS, "{\"messages\":[]}"));
        assertSame(InferenceRequest.LOAD_ONLY, parse(ApiKind.COMPLETIONS, "{\"model\":7,\"prompt\":\"x\"}"));
        assertSame(InferenceRequest.LOAD_ONLY, parse(ApiKind.COMPLETIONS, "[1,2]"));
    }

    @Test
    void malformedJsonIsABadRequestWithAShortReason() {
        assertTrue(assertThrows(BadRequestException.class, () -> parse(ApiKind.COMPLETIONS, "{\"model\":"))
                .getMessage().startsWith("request body is not valid JSON"));
    }
}
