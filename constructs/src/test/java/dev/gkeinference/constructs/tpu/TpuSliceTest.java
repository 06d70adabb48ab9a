package dev.gkeinference.constructs.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TpuSliceTest {

    @Test
    void singleHostAndMultiHostShapes() {
        TpuSlice host = new TpuSlice("ct6e-standard-4t", "2x2");
        assertEquals(4, host.chips());
        assertEquals(1, host.hosts());
        assertFalse(host.multiHost());

        TpuSlice slice = new TpuSlice("ct6e-standard-4t", "4x8");
        assertEquals(32, slice.chips());
        assertEquals(8, slice.hosts());
        assertTrue(slice.multiHost());

        assertEquals(8, new TpuSlice("ct6e-standard-8t", "2x4").chips());
        assertEquals(1, new TpuSlice("ct6e-standard-8t", "2x4").hosts());
    }

    @Test
    void failsOnATopologyTheMachineTypeDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TpuSlice("ct6e-standard-1t", "2x2"));
        assertEquals("'2x2' does not exist for ct6e-standard-1t: allowed are 1x1", e.getMessage());
    }

    @Test
    void failsOnAnUnknownMachineType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TpuSlice("ct5lp-hightpu-4t", "2x2"));
        assertEquals("'ct5lp-hightpu-4t' is not a TPU v6e machine type: allowed are ct6e-standard-1t,"
                + " ct6e-standard-4t, ct6e-standard-8t", e.getMessage());
    }
}
