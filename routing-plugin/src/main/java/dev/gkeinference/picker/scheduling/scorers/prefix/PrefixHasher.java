package dev.gkeinference.picker.scheduling.scorers.prefix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Chained hashes of the prompt's blocks. Without a tokenizer a token is estimated as 4 bytes of UTF-8, so a block
 * of N tokens is 4N bytes. Hash i covers block i and hash i-1 (seeded by the model name), so equal hash i means an
 * equal prefix up to block i, and different models never share blocks. Only whole blocks are hashed: the model
 * server caches whole blocks only.
 */
public final class PrefixHasher {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private PrefixHasher() {
    }

    public static long[] hashes(String model, byte[] prompt, int blockBytes, int maxBlocks) {
        int blocks = Math.min(prompt.length / blockBytes, maxBlocks);
        long[] out = new long[blocks];
        long previous = seed(model);
        for (int b = 0; b < blocks; b++) {
            previous = hashBlock(prompt, b * blockBytes, blockBytes, previous);
            out[b] = previous;
        }
        return out;
    }

    private static long seed(String model) {
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        return hashBlock(name, 0, name.length, P3);
    }

    static long hashBlock(byte[] data, int offset, int length, long previous) {
        long h = previous * P1 + length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long lane = (long) LONG_LE.get(data, i);
            h = Long.rotateLeft(h ^ (lane * P2), 31) * P1;
        }
        for (; i < end; i++) {
            h = Long.rotateLeft(h ^ ((data[i] & 0xFFL) * P3), 11) * P1;
        }
        return avalanche(h);
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
