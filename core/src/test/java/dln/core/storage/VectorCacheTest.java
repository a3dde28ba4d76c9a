package dln.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VectorCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedOnceOverItsByteBudget() {
        final VectorCache c = new VectorCache(3 * 4 * 10); // three vectors of 10 floats
        c.put("a", new float[10]);
        c.put("b", new float[10]);
        c.put("c", new float[10]);
        c.get("a"); // a is now the most recently used
        c.put("d", new float[10]);
        assertNull(c.get("b"));
        assertEquals(3, c.size());
        assertArrayEquals(new float[10], c.get("a"));
    }

    @Test
    void callersCannotChangeWhatOthersRead() {
        final VectorCache c = new VectorCache(1024);
        final float[] v = {1, 2, 3};
        c.put("k", v);
        v[0] = 99;
        c.get("k")[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3}, c.get("k"));
    }

    @Test
    void aVectorLargerThanTheBudgetIsNotKeptAndEvictsNothing() {
        final VectorCache c = new VectorCache(40);
        c.put("small", new float[5]);
        c.put("huge", new float[11]);
        assertNull(c.get("huge"));
        assertEquals(1, c.size());
        final VectorCache none = new VectorCache(0);
        none.put("x", new float[1]);
        assertNull(none.get("x"));
    }

    @Test
    void replacingAKeyCountsItsSizeOnce() {
        final VectorCache c = new VectorCache(2 * 4 * 10);
        c.put("a", new float[10]);
        c.put("a", new float[10]);
        c.put("b", new float[10]);
        assertEquals(2, c.size());
    }
}
