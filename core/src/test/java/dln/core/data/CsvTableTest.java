package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static CsvTable parse(String text) {
        return CsvTable.parse(text.getBytes(StandardCharsets.UTF_8), "t.csv");
    }

    @Test
    void readsHeaderQuotedFieldsBomCrlfAndLineNumbers() {
        CsvTable t = parse("\uFEFFname,city,y\r\n\"Smith, J\",\"say \"\"hi\"\"\",1\r\n\r\n x , Köln ,0\r\n");
        assertEquals(List.of("name", "city", "y"), t.header());
        assertEquals(List.of("Smith, J", "say \"hi\"", "1"), t.rows().get(0));
        assertEquals(List.of("x", "Köln", "0"), t.rows().get(1));
        assertEquals(List.of(2, 4), t.lines());
    }

    @Test
    void anEncodingErrorIsOneLineNamingFileLineAndByte() {
        byte[] head = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // Latin-1 é, not UTF-8
        bytes[head.length + 1] = '4';
        bytes[head.length + 2] = '\n';
        CsvEncodingException e = assertThrows(CsvEncodingException.class, () -> CsvTable.parse(bytes, "people.csv"));
        assertEquals("people.csv: line 3, byte 3 (offset 10 in the file, value 0xE9) is not valid UTF-8; save the file as UTF-8", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(10, e.offset());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void everyBadRowIsListed() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> parse("a,b\n1\n1,2\n\"open,2\n"));
        assertEquals(List.of("line 2: expected 2 fields, got 1", "line 4: a quoted field is not closed (a quoted field cannot span lines)"),
                e.problems());
    }

    @Test
    void badHeadersAreNamed() {
        assertTrue(assertThrows(CsvFormatException.class, () -> parse("a,a\n1,2\n")).getMessage().contains("duplicate column name 'a'"));
        assertTrue(assertThrows(CsvFormatException.class, () -> parse("a,,b\n1,2,3\n")).getMessage().contains("column 2 has an empty name"));
        assertTrue(assertThrows(CsvFormatException.class, () -> parse("\n\n")).getMessage().contains("empty file"));
        assertTrue(assertThrows(CsvFormatException.class, () -> parse("a,b\n")).getMessage().contains("no data rows"));
    }
}
