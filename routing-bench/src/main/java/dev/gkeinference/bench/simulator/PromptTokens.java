package dev.gkeinference.bench.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Pseudo-tokenization shared by the simulator and the load generator: four UTF-8 bytes per token, the same
 * estimate the upstream picker's "estimate" token producer uses, so approximate prefix routing and the simulated
 * prefix cache agree on what a prefix is.
 */
public final class PromptTokens {
    public static final int BYTES_PER_TOKEN = 4;

    private PromptTokens() {
    }

    public static int count(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    /**
     * Chained hashes of every FULL block of the prompt (vLLM caches only full blocks): block i's hash covers its own
     * bytes and the hash of block i-1, so equal hashes at position i imply equal prefixes up to i.
     */
    public static long[] blockHashes(String text, int blockSize) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int blockBytes = blockSize * BYTES_PER_TOKEN;
        int fullBlocks = bytes.length / blockBytes;
        long[] hashes = new long[fullBlocks];
        long parent = 0xcbf29ce484222325L;
        for (int b = 0; b < fullBlocks; b++) {
            long h = parent;
            int start = b * blockBytes;
            for (int i = start; i < start + blockBytes; i++) {
                h ^= bytes[i];
                h *= 0x100000001b3L;
            }
            hashes[b] = mix(h);
            parent = hashes[b];
        }
        return hashes;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
