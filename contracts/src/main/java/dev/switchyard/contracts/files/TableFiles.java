package dev.switchyard.contracts.files;

import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/** Control-table and category files: read with every row's problems, written in any format. */
public final class TableFiles {
    private TableFiles() {}

    /**
     * Reads a control-table file.
     *
     * @throws FileFormatException when the file cannot be parsed at all
     */
    public static Loaded<ControlTableItem> readControlTable(Path file) {
        return Loaded.decode(file.toString(), RowFiles.read(file), ControlTableItem::fromAttributes);
    }

    /**
     * Reads a category file; in CSV, {@code DependsOn} is one cell of comma-separated names.
     *
     * @throws FileFormatException when the file cannot be parsed at all
     */
    public static Loaded<CategoryDefinition> readCategories(Path file) {
        return Loaded.decode(file.toString(), RowFiles.read(file), CategoryDefinition::fromAttributes);
    }

    public static void writeControlTable(Writer out, FileFormat format, List<ControlTableItem> items) {
        RowFiles.write(
                out,
                format,
                ControlTableItem.COLUMNS,
                items.stream().map(ControlTableItem::toAttributes).toList());
    }

    public static void writeCategories(Writer out, FileFormat format, List<CategoryDefinition> categories) {
        RowFiles.write(
                out,
                format,
                CategoryDefinition.COLUMNS,
                categories.stream().map(CategoryDefinition::toAttributes).toList());
    }
}
