package dev.switchyard.contracts.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows of attributes to and from CSV (a header row, then one row per item), JSON (an array of objects)
 * and YAML (a list of mappings). Knows nothing of what the columns mean; every row remembers its line.
 */
public final class RowFiles {
    // Writers belong to the caller: never close them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // "0" and "NO" must read back as the strings they are.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private RowFiles() {}

    /**
     * The rows of a file and the problems that belong to no row (a row with too many cells, an element
     * that is not an object). The file is read to the end whatever it finds, so that every problem is
     * reported at once.
     */
    public record Rows(List<RawRow> rows, List<Problem> problems) {
        public Rows {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads a file in the format its extension names.
     *
     * @throws FileFormatException when the file is missing or cannot be parsed at all
     */
    public static Rows read(Path file) {
        FileFormat format = FileFormat.of(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FileFormatException(file.toString(), 0, 0, "no such file");
        } catch (IOException e) {
            throw new FileFormatException(file.toString(), 0, 0, "cannot be read: " + e.getMessage());
        }
        return read(file.toString(), format, new StringReader(text));
    }

    public static Rows read(String source, FileFormat format, Reader in) {
        return switch (format) {
            case CSV -> readCsv(source, in);
            case JSON -> readTree(source, JSON, in);
            case YAML -> readTree(source, YAML, in);
        };
    }

    private static Rows readCsv(String source, Reader in) {
        List<Csv.Record> records = Csv.readAll(source, in);
        if (records.isEmpty()) {
            throw new FileFormatException(source, 1, 1, "the file is empty; a CSV file starts with a header row");
        }
        Csv.Record header = records.getFirst();
        List<String> columns = header.cells().stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isEmpty()) {
                throw new FileFormatException(source, header.line(), 0, "header cell " + (i + 1) + " is empty");
            }
            if (!seen.add(columns.get(i))) {
                throw new FileFormatException(source, header.line(), 0, "column " + columns.get(i) + " appears twice");
            }
        }
        List<RawRow> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            Location location = new Location(source, record.line());
            if (record.isBlank()) {
                continue;
            }
            if (record.cells().size() != columns.size()) {
                problems.add(new Problem(
                        location,
                        null,
                        null,
                        String.join(",", record.cells()),
                        "the row has " + record.cells().size() + " cells but the header has " + columns.size()
                                + " (an unquoted comma?)"));
                continue;
            }
            Map<String, Attr> attributes = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String cell = record.cells().get(i);
                if (!cell.isEmpty()) { // an empty cell is a missing value, as in DynamoDB
                    attributes.put(columns.get(i), new Attr.S(cell));
                }
            }
            rows.add(new RawRow(location, attributes));
        }
        return new Rows(rows, problems);
    }

    private static Rows readTree(String source, ObjectMapper mapper, Reader in) {
        List<RawRow> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new FileFormatException(source, 1, 1, "the file is empty; expected a list of rows");
            }
            if (first != JsonToken.START_ARRAY) {
                JsonLocation at = parser.currentTokenLocation();
                throw new FileFormatException(
                        source, at.getLineNr(), at.getColumnNr(), "expected a list of rows, found " + first.asString());
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new FileFormatException(source, 0, 0, "the list of rows is never closed");
                }
                JsonLocation at = parser.currentTokenLocation();
                Location location = new Location(source, at.getLineNr());
                JsonNode node = mapper.readTree(parser);
                if (!node.isObject()) {
                    problems.add(new Problem(
                            location,
                            null,
                            null,
                            node.toString(),
                            "row " + (index + 1) + " is " + AttrJson.describe(node) + ", not an object"));
                } else {
                    try {
                        rows.add(new RawRow(location, AttrJson.itemFromJson(node, "row " + (index + 1))));
                    } catch (IllegalArgumentException e) { // a value DynamoDB could not hold
                        problems.add(new Problem(location, subject(node), null, null, e.getMessage()));
                    }
                }
                index++;
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new FileFormatException(source, at.getLineNr(), at.getColumnNr(), "text after the list of rows");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new FileFormatException(
                    source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rows(rows, problems);
    }

    private static String subject(JsonNode row) {
        JsonNode name = row.get("JobName") != null ? row.get("JobName") : row.get("Category");
        return name != null && name.isTextual() ? name.textValue() : null;
    }

    /**
     * Writes rows. CSV's header is {@code leadingColumns} followed by every other column in the order
     * first seen; a CSV cell holds a list as comma-separated text and any other non-string as its JSON
     * text.
     */
    public static void write(Writer out, FileFormat format, List<String> leadingColumns, List<Map<String, Attr>> rows) {
        try {
            switch (format) {
                case CSV -> writeCsv(out, leadingColumns, rows);
                case JSON -> {
                    JSON.writeValue(out, toArray(rows));
                    out.write('\n');
                }
                case YAML -> YAML.writeValue(out, toArray(rows));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode toArray(List<Map<String, Attr>> rows) {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(row -> array.add(AttrJson.toJson(row)));
        return array;
    }

    private static void writeCsv(Writer out, List<String> leadingColumns, List<Map<String, Attr>> rows) {
        Set<String> columns = new LinkedHashSet<>(leadingColumns);
        rows.forEach(row -> columns.addAll(row.keySet()));
        List<String> header = List.copyOf(columns);
        Csv.writeRecord(out, header);
        for (Map<String, Attr> row : rows) {
            Csv.writeRecord(out, header.stream().map(c -> cell(row.get(c))).toList());
        }
    }

    private static String cell(Attr value) {
        return switch (value) {
            case null -> "";
            case Attr.Null x -> "";
            case Attr.S s -> s.value();
            case Attr.N n -> n.value();
            case Attr.Bool b -> Boolean.toString(b.value());
            case Attr.L l
            when l.values().stream().allMatch(v -> v instanceof Attr.S) ->
                l.values().stream().map(v -> ((Attr.S) v).value()).collect(Collectors.joining(","));
            case Attr.SS ss -> String.join(",", ss.values());
            default -> AttrJson.toJson(value).toString();
        };
    }
}
