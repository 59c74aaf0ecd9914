package dev.switchyard.contracts.files;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * RFC 4180 CSV: commas, double quotes with {@code ""} for a quote, line breaks inside quoted cells, LF or
 * CRLF. Written by hand rather than borrowed so that every error names the exact line and column.
 */
public final class Csv {
    private Csv() {}

    /** A record of cells and the line it starts on (1-based). */
    public record Record(int line, List<String> cells) {
        public Record {
            cells = List.copyOf(cells);
        }

        /** A line with nothing on it. */
        public boolean isBlank() {
            return cells.size() == 1 && cells.getFirst().isBlank();
        }
    }

    /**
     * Reads every record.
     *
     * @throws FileFormatException at an unterminated quote or text after a closing quote
     */
    public static void read(String source, Reader in, Consumer<Record> out) {
        try {
            new Parser(source, in).run(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Record> readAll(String source, Reader in) {
        List<Record> records = new ArrayList<>();
        read(source, in, records::add);
        return records;
    }

    private static final class Parser {
        private final String source;
        private final Reader in;
        private int line = 1;
        private int column = 0;
        private int pushedBack = -2;

        Parser(String source, Reader in) {
            this.source = source;
            this.in = in;
        }

        private int next() throws IOException {
            int c;
            if (pushedBack != -2) {
                c = pushedBack;
                pushedBack = -2;
            } else {
                c = in.read();
            }
            if (c == '\n') {
                line++;
                column = 0;
            } else if (c != -1) {
                column++;
            }
            return c;
        }

        private void run(Consumer<Record> out) throws IOException {
            int first = in.read();
            if (first != '\uFEFF' && first != -1) { // a byte-order mark is not part of the header
                pushedBack = first;
            }
            if (first == -1) {
                return;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            int recordLine = line;
            boolean quotedCell = false;
            while (true) {
                int c = next();
                if (c == '"' && cell.isEmpty() && !quotedCell) {
                    quotedCell = true;
                    readQuoted(cell);
                    continue;
                }
                if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    quotedCell = false;
                } else if (c == '\n' || c == -1) {
                    String last = cell.toString();
                    if (!quotedCell && last.endsWith("\r")) {
                        last = last.substring(0, last.length() - 1);
                    }
                    cells.add(last);
                    boolean emptyLastLine = c == -1 && cells.size() == 1 && last.isEmpty() && !quotedCell;
                    if (!emptyLastLine) {
                        out.accept(new Record(recordLine, cells));
                    }
                    if (c == -1) {
                        return;
                    }
                    cells = new ArrayList<>();
                    cell.setLength(0);
                    quotedCell = false;
                    recordLine = line;
                } else if (quotedCell) {
                    if (c == '\r') {
                        continue; // CRLF after a closing quote
                    }
                    throw new FileFormatException(
                            source,
                            line,
                            column,
                            "text after a closing quote; double a quote inside a quoted cell (\"\")");
                } else if (c == '"') {
                    throw new FileFormatException(
                            source,
                            line,
                            column,
                            "a quote inside an unquoted cell; quote the whole cell and double the quote");
                } else {
                    cell.append((char) c);
                }
            }
        }

        private void readQuoted(StringBuilder cell) throws IOException {
            int openLine = line;
            int openColumn = column;
            while (true) {
                int c = next();
                if (c == -1) {
                    throw new FileFormatException(source, openLine, openColumn, "quoted cell is never closed");
                }
                if (c == '"') {
                    int after = next();
                    if (after == '"') {
                        cell.append('"');
                        continue;
                    }
                    pushBack(after);
                    return;
                }
                cell.append((char) c);
            }
        }

        private void pushBack(int c) {
            pushedBack = c;
            if (c == '\n') {
                line--;
            } else if (c != -1) {
                column--;
            }
        }
    }

    /** Writes one record, quoting only cells that need it, ending with a line break. */
    public static void writeRecord(Writer out, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String cell = cells.get(i) == null ? "" : cells.get(i);
                if (needsQuotes(cell)) {
                    out.write('"');
                    out.write(cell.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(cell);
                }
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean needsQuotes(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1));
    }
}
