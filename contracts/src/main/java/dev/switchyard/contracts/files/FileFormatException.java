package dev.switchyard.contracts.files;

/** A file that cannot be read at all: names the file, line and column where reading stopped. */
public final class FileFormatException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public FileFormatException(String source, int line, int column, String reason) {
        super(source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
