package dev.gkeinference.bench.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvBlockCacheTest {

    private static long[] hashes(long... h) {
        return h;
    }

    @Test
    void sharedPrefixBlocksAreReusedAndCountedAsHits() {
        KvBlockCache cache = new KvBlockCache(100, 16);
        KvBlockCache.Allocation first = cache.tryAllocate(hashes(1, 2, 3), 56, 8);
        assertEquals(0, first.cachedPromptTokens());
        KvBlockCache.Allocation second = cache.tryAllocate(hashes(1, 2, 9), 56, 8);
        assertEquals(32, second.cachedPromptTokens(), "the two leading blocks are shared");
        assertEquals(112, cache.queriedTokens());
        assertEquals(32, cache.hitTokens());
        // 4 shared blocks (1,2,3,9) + 2 x 1 private block (8 partial prompt tokens + 8 output tokens)
        assertEquals(6 / 100.0, cache.usage(), 1e-9);
    }

    @Test
    void hitsStopAtTheFirstMissingBlock() {
        KvBlockCache cache = new KvBlockCache(100, 16);
        cache.release(cache.tryAllocate(hashes(1, 2, 3), 48, 1));
        KvBlockCache.Allocation a = cache.tryAllocate(hashes(7, 2, 3), 48, 1);
        assertEquals(0, a.cachedPromptTokens());
    }

    @Test
    void releasedBlocksStayCachedButNoLongerCountAsUsed() {
        KvBlockCache cache = new KvBlockCache(10, 16);
        cache.release(cache.tryAllocate(hashes(1, 2), 32, 16));
        assertEquals(0.0, cache.usage(), 1e-9);
        assertTrue(cache.isCached(1) && cache.isCached(2));
    }

    @Test
    void leastRecentlyUsedIdleBlocksAreEvictedFirst() {
        KvBlockCache cache = new KvBlockCache(4, 16);
        cache.release(cache.tryAllocate(hashes(1, 2), 32, 1)); // 2 shared blocks + 1 private block
        cache.release(cache.tryAllocate(hashes(3), 16, 1));
        // 1,2 idle (older), 3 idle (newer); a 2-block request must evict the oldest idle block only
        assertNotNull(cache.tryAllocate(hashes(5), 16, 1));
        assertFalse(cache.isCached(1), "oldest idle block evicted");
        assertTrue(cache.isCached(2));
        assertTrue(cache.isCached(3));
    }

    @Test
    void blocksHeldByRunningRequestsAreNeverEvicted() {
        KvBlockCache cache = new KvBlockCache(4, 16);
        KvBlockCache.Allocation running = cache.tryAllocate(hashes(1, 2), 32, 16);
        assertEquals(0.75, cache.usage(), 1e-9);
        assertNull(cache.tryAllocate(hashes(8), 16, 16), "needs 2 blocks, only 1 free, none evictable");
        assertTrue(cache.isCached(1) && cache.isCached(2));
        cache.release(running);
        assertNotNull(cache.tryAllocate(hashes(8), 16, 16));
    }

    @Test
    void chainedPromptHashesShareOnlyCommonPrefixes() {
        String prefix = "abc ".repeat(32);
        long[] a = PromptTokens.blockHashes(prefix + "xyz ".repeat(16), 16);
        long[] b = PromptTokens.blockHashes(prefix + "qrs ".repeat(16), 16);
        assertEquals(3, a.length);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
        assertTrue(a[2] != b[2]);
        long[] shifted = PromptTokens.blockHashes("qrs ".repeat(16) + prefix, 16);
        assertTrue(shifted[1] != a[0], "same block content after a different prefix hashes differently");
        assertEquals(33, PromptTokens.count(prefix + "x"), "128 bytes + 1 byte, rounded up");
    }
}
