package dev.switchyard.contracts.files;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.FieldProblem;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows read from a file (or a store) and checked: the values that are valid, in file order, and every
 * problem found, each with its location.
 */
public record Loaded<T>(String source, List<Row<T>> rows, List<Problem> rowlessProblems) {
    public Loaded {
        rows = List.copyOf(rows);
        rowlessProblems = List.copyOf(rowlessProblems);
    }

    /** A row with where it came from and what checking it gave. */
    public record Row<T>(Location location, Map<String, Attr> attributes, Decoded<T> decoded) {}

    /** Checks each raw row with {@code decoder}, keeping every row, valid or not, in file order. */
    public static <T> Loaded<T> decode(
            String source, RowFiles.Rows raw, Function<Map<String, Attr>, Decoded<T>> decoder) {
        List<Row<T>> rows = new ArrayList<>(raw.rows().size());
        for (RawRow r : raw.rows()) {
            rows.add(new Row<>(r.location(), r.attributes(), decoder.apply(r.attributes())));
        }
        return new Loaded<>(source, rows, raw.problems());
    }

    /** The valid values, in order. */
    public List<T> values() {
        List<T> values = new ArrayList<>(rows.size());
        for (Row<T> row : rows) {
            if (row.decoded() instanceof Decoded.Ok<T> ok) {
                values.add(ok.value());
            }
        }
        return values;
    }

    /**
     * Every problem: rows that could not be read and columns that are wrong.
     *
     * @param subjectColumn the column whose text names a row (JobName, Category), when present
     */
    public List<Problem> problems(String subjectColumn) {
        List<Problem> problems = new ArrayList<>(rowlessProblems);
        for (Row<T> row : rows) {
            if (row.decoded() instanceof Decoded.Invalid<T> invalid) {
                String subject = row.attributes().get(subjectColumn) instanceof Attr.S s ? s.value() : null;
                for (FieldProblem p : invalid.problems()) {
                    problems.add(Problem.of(row.location(), subject, p));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(p -> p.location().line()));
        return problems;
    }
}
