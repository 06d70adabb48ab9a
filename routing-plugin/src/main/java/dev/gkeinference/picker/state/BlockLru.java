package dev.gkeinference.picker.state;

import java.util.Arrays;

/**
 * The prefix blocks one endpoint probably still holds: a bounded LRU of block hashes, mimicking the model server's
 * own KV-cache eviction. Capacity follows the server's {@code num_gpu_blocks} when it reports one.
 *
 * <p>Primitive arrays instead of a LinkedHashMap: every pick records dozens to thousands of blocks, and boxed
 * entries would make the garbage collector, not the scoring, dominate pick latency. Storage grows on demand up to
 * the capacity, so idle endpoints cost little. Nodes live in {@code keys/older/newer}; an open-addressing table
 * (linear probing, backward-shift deletion) maps a hash to its node.
 */
public final class BlockLru {

    private static final int NONE = -1;
    private static final int INITIAL_NODES = 64;

    private int capacity;
    /** Upper bound on the capacity learnt from what the server reported it had cached (see {@link #limitTo}). */
    private int limit = Integer.MAX_VALUE;
    /** Counts every add; a node's stamp is the clock when it was last added, so clock - stamp bounds its rank. */
    private long clock;
    private long[] keys = new long[0];
    private long[] stamps = new long[0];
    private int[] older = new int[0];
    private int[] newer = new int[0];
    private int[] table = new int[0];
    private int size;
    private int oldest = NONE;
    private int newest = NONE;

    public BlockLru(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Number of leading hashes this endpoint holds (a chained hash match on block i implies all before it). */
    public synchronized int leadingMatches(long[] hashes, int count) {
        int i = 0;
        while (i < count && find(hashes[i]) != NONE) {
            i++;
        }
        return i;
    }

    /** Records the blocks of a request just routed here, most recent last. */
    public synchronized void add(long[] hashes, int count) {
        for (int i = 0; i < count; i++) {
            add(hashes[i]);
        }
    }

    /** The LRU clock: the number of adds so far. */
    public synchronized long clock() {
        return clock;
    }

    /** The clock value when {@code hash} was last added, or -1 when it is not held. */
    public synchronized long stamp(long hash) {
        int node = find(hash);
        return node == NONE ? -1 : stamps[node];
    }

    /**
     * Caps the capacity at {@code maxBlocks} (at least 1), below what the server reports, because the server showed
     * it keeps fewer blocks: running requests hold part of its KV cache. Later {@link #resize}s keep the cap.
     */
    public synchronized void limitTo(int maxBlocks) {
        limit = Math.max(1, maxBlocks);
        if (limit < capacity) {
            shrink(limit);
        }
    }

    /** The cap of {@link #limitTo}, or Integer.MAX_VALUE when none was set. */
    public synchronized int limit() {
        return limit;
    }

    public synchronized void resize(int newCapacity) {
        shrink(Math.min(limit, Math.max(1, newCapacity)));
    }

    private void shrink(int newCapacity) {
        int c = Math.max(1, newCapacity);
        if (c >= size) {
            capacity = c;
            return;
        }
        long[] keep = new long[c]; // the c most recent, oldest first
        int node = newest;
        for (int i = c - 1; i >= 0; i--) {
            keep[i] = keys[node];
            node = older[node];
        }
        clear();
        capacity = c;
        for (long key : keep) {
            add(key);
        }
    }

    public synchronized int size() {
        return size;
    }

    public synchronized int capacity() {
        return capacity;
    }

    private void add(long key) {
        clock++;
        int node = find(key);
        if (node != NONE) {
            stamps[node] = clock;
            unlink(node);
            linkNewest(node);
            return;
        }
        if (size < capacity) {
            if (size == keys.length) {
                grow();
            }
            node = size++;
        } else {
            node = oldest; // evict the least recently used block and reuse its node
            unlink(node);
            tableRemove(keys[node]);
        }
        keys[node] = key;
        stamps[node] = clock;
        tableInsert(key, node);
        linkNewest(node);
    }

    private int find(long key) {
        if (size == 0) {
            return NONE;
        }
        int mask = table.length - 1;
        for (int slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int node = table[slot];
            if (node == NONE) {
                return NONE;
            }
            if (keys[node] == key) {
                return node;
            }
        }
    }

    private void tableInsert(long key, int node) {
        int mask = table.length - 1;
        int slot = slotOf(key, mask);
        while (table[slot] != NONE) {
            slot = (slot + 1) & mask;
        }
        table[slot] = node;
    }

    /** Removes a key and shifts later entries of its probe run back, so lookups never stop at a false gap. */
    private void tableRemove(long key) {
        int mask = table.length - 1;
        int hole = slotOf(key, mask);
        while (keys[table[hole]] != key) {
            hole = (hole + 1) & mask;
        }
        table[hole] = NONE;
        for (int slot = (hole + 1) & mask; table[slot] != NONE; slot = (slot + 1) & mask) {
            int home = slotOf(keys[table[slot]], mask);
            boolean homeOutsideHoleToSlot = hole <= slot ? (home <= hole || home > slot) : (home <= hole && home > slot);
            if (homeOutsideHoleToSlot) {
                table[hole] = table[slot];
                table[slot] = NONE;
                hole = slot;
            }
        }
    }

    private void grow() {
        int nodes = (int) Math.min(capacity, Math.max(INITIAL_NODES, (long) keys.length * 2));
        keys = Arrays.copyOf(keys, nodes);
        stamps = Arrays.copyOf(stamps, nodes);
        older = Arrays.copyOf(older, nodes);
        newer = Arrays.copyOf(newer, nodes);
        int slots = Integer.highestOneBit(Math.max(2, nodes * 2 - 1)) << 1; // ≥ 2 × nodes: load ≤ 0.5
        table = new int[slots];
        Arrays.fill(table, NONE);
        for (int node = 0; node < size; node++) {
            tableInsert(keys[node], node);
        }
    }

    private void clear() {
        keys = new long[0];
        stamps = new long[0];
        older = new int[0];
        newer = new int[0];
        table = new int[0];
        size = 0;
        oldest = NONE;
        newest = NONE;
    }

    private void unlink(int node) {
        int o = older[node];
        int n = newer[node];
        if (o != NONE) {
            newer[o] = n;
        } else {
            oldest = n;
        }
        if (n != NONE) {
            older[n] = o;
        } else {
            newest = o;
        }
    }

    private void linkNewest(int node) {
        older[node] = newest;
        newer[node] = NONE;
        if (newest != NONE) {
            newer[newest] = node;
        } else {
            oldest = node;
        }
        newest = node;
    }

    private static int slotOf(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // keys are hashes already; this only spreads low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
