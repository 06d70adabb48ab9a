package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.state.BlockLru;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixHasher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PrefixIndexTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyWholeBlocksAreHashedAndTheChainCapsAtMaxBlocks() {
        assertEquals(2, PrefixHasher.hashes("m", bytes("a".repeat(64 * 2 + 63)), 64, 100).length);
        assertEquals(3, PrefixHasher.hashes("m", bytes("a".repeat(64 * 10)), 64, 3).length);
        assertEquals(0, PrefixHasher.hashes("m", bytes("short"), 64, 100).length);
    }

    @Test
    void chainedHashesDivergeAfterTheFirstDifferentBlockAndDependOnTheModel() {
        long[] a = PrefixHasher.hashes("m", bytes("A".repeat(64) + "B".repeat(64) + "C".repeat(64)), 64, 10);
        long[] b = PrefixHasher.hashes("m", bytes("A".repeat(64) + "X".repeat(64) + "C".repeat(64)), 64, 10);
        assertEquals(a[0], b[0]);
        assertNotEquals(a[1], b[1]);
        assertNotEquals(a[2], b[2], "same block content after a difference must not match: the chain carries it");
        long[] other = PrefixHasher.hashes("other-model", bytes("A".repeat(64)), 64, 10);
        assertNotEquals(a[0], other[0]);
    }

    @Test
    void lruCountsLeadingMatchesAndEvictsTheLeastRecentlyUsed() {
        long[] prompt = PrefixHasher.hashes("m", bytes("p".repeat(64 * 4)), 64, 10);
        BlockLru lru = new BlockLru(4);
        lru.add(prompt, 4);
        assertEquals(4, lru.leadingMatches(prompt, 4));
        long[] other = PrefixHasher.hashes("m", bytes("q".repeat(64 * 2)), 64, 10);
        lru.add(other, 2); // evicts the two oldest blocks: the prompt's first two
        assertEquals(0, lru.leadingMatches(prompt, 4), "a lost first block means no usable prefix");
        lru.resize(1);
        assertEquals(1, lru.size());
    }

    /** The obvious LRU, for comparison. */
    private static final class ReferenceLru extends java.util.LinkedHashMap<Long, Boolean> {
        private static final long serialVersionUID = 1L;
        private int capacity;

        ReferenceLru(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        void resize(int newCapacity) {
            java.util.List<Long> keys = new java.util.ArrayList<>(keySet());
            clear();
            capacity = newCapacity;
            keys.subList(Math.max(0, keys.size() - newCapacity), keys.size()).forEach(k -> put(k, Boolean.TRUE));
        }

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
        }
    }

    @Test
    void lruBehavesLikeAReferenceLruUnderRandomUse() {
        java.util.Random random = new java.util.Random(7);
        BlockLru lru = new BlockLru(300);
        ReferenceLru reference = new ReferenceLru(300);
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(600) * 0x100000001L; // collisions in low bits exercise probing and deletion
            if (random.nextInt(3) == 0) {
                assertEquals(reference.containsKey(key) ? 1 : 0, lru.leadingMatches(new long[] {key}, 1), "step " + step);
            } else {
                lru.add(new long[] {key}, 1);
                reference.put(key, Boolean.TRUE);
            }
            if (step == 150_000) {
                lru.resize(100);
                reference.resize(100);
            }
        }
        assertEquals(reference.size(), lru.size());
        for (Long k : reference.keySet()) {
            assertEquals(1, lru.leadingMatches(new long[] {k}, 1));
        }
    }
}
