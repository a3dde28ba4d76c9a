package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvDatasetsTest {
    @Test
    void loadsFeaturesAndLabelInAnyColumn() throws Exception {
        Dataset d = CsvDatasets.read(new StringReader("a,label,b\n0.5,1,2\n\n-1,0,3e2\n"), "label", 2);
        assertEquals(2, d.size());
        assertEquals(2, d.numFeatures());
        assertArrayEquals(new float[]{0.5f, 2f, -1f, 300f}, d.features());
        assertArrayEquals(new int[]{1, 0}, d.labels());
    }

    @Test
    void missingLabelColumnIsNamed() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvDatasets.read(new StringReader("a,b,c\n1,2,3\n"), "label", 2));
        assertTrue(e.getMessage().contains("line 1: header has no label column 'label'"), e.getMessage());
    }

    @Test
    void everyBadRowIsReportedWithItsLineNumber() {
        String csv = "x,y,label\n1,2,0\n1,2\n1,abc,1\n1,2,7\n1,2,1\n1,NaN,0\n";
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvDatasets.read(new StringReader(csv), "label", 3));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("line 3: expected 3 fields, got 2"));
        assertTrue(e.problems().get(1).startsWith("line 4: column 'y' value 'abc'"));
        assertTrue(e.problems().get(2).startsWith("line 5: label '7'"));
        assertTrue(e.problems().get(3).startsWith("line 7: column 'y' value 'NaN'"));
    }

    @Test
    void emptyOrHeaderOnlyFilesAreRejected() {
        assertThrows(CsvFormatException.class, () -> CsvDatasets.read(new StringReader(""), "label", 2));
        assertThrows(CsvFormatException.class, () -> CsvDatasets.read(new StringReader("a,label\n"), "label", 2));
        assertThrows(CsvFormatException.class, () -> CsvDatasets.read(new StringReader("a,a,label\n1,2,0\n"), "label", 2));
    }
}
