package dev.gkeinference.picker.scheduling.prefix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefix blocks one endpoint probably still holds: a bounded LRU of block hashes, mimicking the model
 * server's own KV-cache eviction. Capacity follows the server's {@code num_gpu_blocks} when it reports one.
 */
public final class BlockLru {

    private final LinkedHashMap<Long, Boolean> blocks;
    private int capacity;

    public BlockLru(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > BlockLru.this.capacity;
            }
        };
    }

    /** Number of leading hashes this endpoint holds (a chained hash match on block i implies all before it). */
    public synchronized int leadingMatches(long[] hashes, int count) {
        int i = 0;
        while (i < count && blocks.containsKey(hashes[i])) {
            i++;
        }
        return i;
    }

    /** Records the blocks of a request just routed here, most recent last. */
    public synchronized void add(long[] hashes, int count) {
        for (int i = 0; i < count; i++) {
            blocks.put(hashes[i], Boolean.TRUE);
        }
    }

    public synchronized void resize(int newCapacity) {
        int c = Math.max(1, newCapacity);
        if (c == capacity) {
            return;
        }
        capacity = c;
        var it = blocks.entrySet().iterator();
        while (blocks.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    public synchronized int size() {
        return blocks.size();
    }

    public synchronized int capacity() {
        return capacity;
    }
}
