package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LittleIsEnoughTest {

    @Test
    void theStandardNormalQuantileMatchesKnownValues() {
        assertEquals(0.0, LittleIsEnough.standardNormalQuantile(0.5), 1e-12);
        assertEquals(1.959963984540054, LittleIsEnough.standardNormalQuantile(0.975), 1e-9);
        assertEquals(-1.959963984540054, LittleIsEnough.standardNormalQuantile(0.025), 1e-9);
        assertEquals(1.0, LittleIsEnough.standardNormalQuantile(0.8413447460685429), 1e-9);
        assertEquals(3.090232306167813, LittleIsEnough.standardNormalQuantile(0.999), 1e-8);
        assertEquals(-2.326347874040841, LittleIsEnough.standardNormalQuantile(0.01), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> LittleIsEnough.standardNormalQuantile(1.0));
    }

    @Test
    void baruchsZForTheTeamSizesOfThePaper() {
        // n = 16, m = 4: s = floor(9) - 4 = 5, z = Phi^-1(11/16).
        assertEquals(0.4887764111146694, LittleIsEnough.z(16, 4), 1e-9);
        // n = 50, m = 12: s = 26 - 12 = 14, z = Phi^-1(36/50).
        assertEquals(0.5828415072712162, LittleIsEnough.z(50, 12), 1e-9);
        // n = 10, m = 3: s = 3, z = Phi^-1(0.7).
        assertEquals(0.5244005127080407, LittleIsEnough.z(10, 3), 1e-9);
        // Attackers with a majority leave the formula's domain: a finite, positive stand-in.
        assertEquals(LittleIsEnough.standardNormalQuantile(3.5 / 4), LittleIsEnough.z(4, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LittleIsEnough.z(4, 5));
    }

    @Test
    void theCraftedDeltaIsMeanMinusZTimesTheSampleStd() {
        // Per coordinate: {1, 2, 3} -> mean 2, std 1; {0, 0, 0} -> 0, 0; {-1, 1, 3} -> 1, 2.
        final List<float[]> estimates = List.of(new float[] {1, 0, -1}, new float[] {2, 0, 1}, new float[] {3, 0, 3});
        final double z = 0.5;
        assertArrayEquals(new float[] {1.5f, 0f, 0f}, LittleIsEnough.craft(estimates, z), 1e-6f);
        // One estimate has no spread: the attacker sends it as it is.
        assertArrayEquals(new float[] {4f, -2f}, LittleIsEnough.craft(List.of(new float[] {4, -2}), 1.3), 0f);
    }
}
