package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CachedTokensTest {

    @Test
    void readsCachedTokensFromTheUsageEventOfAStream() {
        String last = "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
                + "7200,\"completion_tokens\":64,\"total_tokens\":7264,\"prompt_tokens_details\":{\"cached_tokens\": "
                + "6000}}}\n\ndata: [DONE]\n\n";
        assertEquals(6000, CachedTokens.find(ByteString.copyFromUtf8(last)));
    }

    @Test
    void chunksWithoutUsageReportNothing() {
        assertEquals(-1, CachedTokens.find(ByteString.copyFromUtf8("data: {\"choices\":[{\"text\":\" w1\"}]}\n\n")));
        assertEquals(-1, CachedTokens.find(ByteString.copyFromUtf8("{\"cached_tokens\":null}")));
        assertEquals(-1, CachedTokens.find(ByteString.EMPTY));
    }
}
