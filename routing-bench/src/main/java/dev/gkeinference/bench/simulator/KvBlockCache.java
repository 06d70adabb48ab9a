package dev.gkeinference.bench.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Paged KV cache with automatic prefix caching, after vLLM's block manager: a request holds its prompt's full blocks
 * (shared with other requests through their chained hash) plus private blocks for the partial last block and the
 * tokens it will generate. Blocks no running request references stay cached, in LRU order, until space is needed.
 * Not thread-safe: the owning engine serialises access.
 */
public final class KvBlockCache {

    /** What one admitted request holds; give it back with {@link #release}. */
    public record Allocation(List<Long> sharedBlocks, int privateBlocks, int cachedPromptTokens) {
    }

    private final int capacity;
    private final int blockSize;
    private final Map<Long, Integer> refCounts = new HashMap<>();
    /** Cached blocks nobody references, oldest first: the eviction order. */
    private final LinkedHashSet<Long> unreferenced = new LinkedHashSet<>();
    private int privateInUse;
    private long queriedTokens;
    private long hitTokens;

    public KvBlockCache(int capacity, int blockSize) {
        this.capacity = capacity;
        this.blockSize = blockSize;
    }

    /** Blocks a request of this size needs in total, cached or not. */
    public int blocksNeeded(int promptTokens, int outputTokens) {
        return ceilDiv(promptTokens + outputTokens, blockSize);
    }

    /**
     * Reserves the blocks for a request, reusing the longest cached prefix, or returns null when they do not fit now
     * (the request then waits, as in vLLM). Counts prefix-cache queries and hits in tokens.
     */
    public Allocation tryAllocate(long[] promptBlockHashes, int promptTokens, int outputTokens) {
        int totalBlocks = blocksNeeded(promptTokens, outputTokens);
        int hitBlocks = leadingCachedBlocks(promptBlockHashes);
        int newShared = countAbsent(promptBlockHashes);
        int privateBlocks = totalBlocks - promptBlockHashes.length;
        int reusedIdle = countIdle(promptBlockHashes);
        int evictable = unreferenced.size() - reusedIdle;
        if (newShared + privateBlocks > freeBlocks() + evictable) {
            return null;
        }
        List<Long> held = new ArrayList<>(promptBlockHashes.length);
        for (long h : promptBlockHashes) {
            if (!refCounts.containsKey(h) && !unreferenced.contains(h)) {
                continue;
            }
            reference(h);
            held.add(h);
        }
        evictUntilFree(newShared + privateBlocks);
        for (long h : promptBlockHashes) {
            if (!refCounts.containsKey(h)) {
                refCounts.put(h, 1);
                held.add(h);
            }
        }
        privateInUse += privateBlocks;
        int cachedTokens = hitBlocks * blockSize;
        queriedTokens += promptTokens;
        hitTokens += cachedTokens;
        return new Allocation(held, privateBlocks, cachedTokens);
    }

    /** Returns a request's blocks: shared ones stay cached (most recently used last), private ones are freed. */
    public void release(Allocation allocation) {
        for (long h : allocation.sharedBlocks()) {
            int refs = refCounts.get(h) - 1;
            if (refs == 0) {
                refCounts.remove(h);
                unreferenced.add(h);
            } else {
                refCounts.put(h, refs);
            }
        }
        privateInUse -= allocation.privateBlocks();
    }

    /** Fraction of blocks referenced by running requests; idle cached blocks do not count (vLLM semantics). */
    public double usage() {
        return (double) (refCounts.size() + privateInUse) / capacity;
    }

    public int capacity() {
        return capacity;
    }

    public int blockSize() {
        return blockSize;
    }

    public long queriedTokens() {
        return queriedTokens;
    }

    public long hitTokens() {
        return hitTokens;
    }

    public boolean isCached(long blockHash) {
        return refCounts.containsKey(blockHash) || unreferenced.contains(blockHash);
    }

    private int leadingCachedBlocks(long[] hashes) {
        int n = 0;
        while (n < hashes.length && isCached(hashes[n])) {
            n++;
        }
        return n;
    }

    private int countAbsent(long[] hashes) {
        int n = 0;
        for (long h : hashes) {
            if (!isCached(h)) {
                n++;
            }
        }
        return n;
    }

    private int countIdle(long[] hashes) {
        int n = 0;
        for (long h : hashes) {
            if (unreferenced.contains(h)) {
                n++;
            }
        }
        return n;
    }

    private void reference(long h) {
        if (unreferenced.remove(h)) {
            refCounts.put(h, 1);
        } else {
            refCounts.merge(h, 1, Integer::sum);
        }
    }

    private int freeBlocks() {
        return capacity - refCounts.size() - unreferenced.size() - privateInUse;
    }

    private void evictUntilFree(int needed) {
        Iterator<Long> oldestFirst = unreferenced.iterator();
        while (freeBlocks() < needed && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
