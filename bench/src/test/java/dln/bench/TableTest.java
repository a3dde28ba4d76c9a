package dln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void firstColumnLeftTheOthersRightUnderARule() {
        final String text = new Table("t", "name", "ms").row("fedavg", "7.3").row("multi-krum", "28.0").render();
        assertEquals("\n== t ==\nname          ms\n----------------\nfedavg       7.3\nmulti-krum  28.0\n", text);
    }

    @Test
    void numbersUseAPointWhateverTheDefaultLocale() {
        final Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("1,234.5", Table.f("%,.1f", 1234.5));
        } finally {
            Locale.setDefault(before);
        }
    }
}
