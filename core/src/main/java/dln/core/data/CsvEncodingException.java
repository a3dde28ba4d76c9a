package dln.core.data;

/**
 * A data file is not valid UTF-8. The message is one line naming the file, the line, and the
 * byte (its value, its column on the line and its offset in the file).
 */
public class CsvEncodingException extends DatasetFormatException {
    private final long line;
    private final long offset;

    /**
     * @param file   the file's name as the user gave it
     * @param line   1-based line of the bad byte
     * @param column 1-based byte column of the bad byte on its line
     * @param offset 0-based byte offset of the bad byte in the file
     * @param value  the bad byte
     */
    public CsvEncodingException(String file, long line, long column, long offset, int value) {
        super(String.format("%s: line %d, byte %d (offset %d in the file, value 0x%02X) is not valid UTF-8; save the file as UTF-8",
                file, line, column, offset, value & 0xFF));
        this.line = line;
        this.offset = offset;
    }

    /** 1-based line of the bad byte. */
    public long line() {
        return line;
    }

    /** 0-based byte offset of the bad byte in the file. */
    public long offset() {
        return offset;
    }
}
