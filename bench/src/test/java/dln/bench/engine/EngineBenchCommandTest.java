package dln.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EngineBenchCommandTest {
    /** A pass count below one is refused before any data is read or any engine runs. */
    @Test
    void evalPassesBelowOneAreRefused() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new EngineBenchCommand()).setErr(new PrintWriter(err));
        assertEquals(1, cmd.execute("--eval-passes", "0"));
        assertTrue(err.toString().contains("--eval-passes"), err.toString());
    }

    /** The first line of a run names the processor and its widest vector unit (or says it is unknown). */
    @Test
    void cpuNamesTheVectorUnit() {
        String cpu = EngineBench.cpu();
        assertTrue(cpu.endsWith("AVX-512") || cpu.endsWith("AVX2") || cpu.endsWith("no AVX2") || cpu.equals("cpu unknown"), cpu);
    }
}
