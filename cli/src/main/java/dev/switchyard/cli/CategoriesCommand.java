package dev.switchyard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.Stamp;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard categories}: read and edit the category definitions held in a store (SPEC §1). */
@Command(
        name = "categories",
        mixinStandardHelpOptions = true,
        description = {
            "Lists and edits the categories of a store: Category, DependsOn (upstream categories, fan-in allowed),"
                    + " MaxConcurrency (default 10).",
            "",
            "The definitions are one record with one Version: every write checks the whole graph it would leave and"
                    + " refuses a dependency cycle (naming it), an unknown upstream category, or the deletion of a"
                    + " category others depend on; nothing is written then.",
        },
        subcommands = {
            CategoriesCommand.ListCategories.class,
            CategoriesCommand.PutCategory.class,
            CategoriesCommand.DeleteCategory.class,
            CategoriesCommand.ImportCategories.class,
        })
final class CategoriesCommand implements Runnable {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand, say which there are. */
    @Override
    public void run() {
        spec.commandLine().usage(main.out());
    }

    static void report(PrintWriter out, FormatOption format, String what, Categories.Written w) throws IOException {
        if (format.json()) {
            JobsCommand.printJson(
                    out,
                    Json.mapper()
                            .createObjectNode()
                            .put("subject", what)
                            .put("created", w.created())
                            .put("updated", w.updated())
                            .put("unchanged", w.unchanged())
                            .put("deleted", w.deleted())
                            .put("version", w.version()));
            return;
        }
        out.printf(
                "%s: %d created, %d updated, %d unchanged, %d deleted (categories version %d)%n",
                what, w.created(), w.updated(), w.unchanged(), w.deleted(), w.version());
    }

    /** {@code categories list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Lists the categories in the order they were defined.")
    static final class ListCategories implements Callable<Integer> {
        @ParentCommand
        CategoriesCommand categories;

        @Mixin
        TableOption table;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() throws IOException {
            Categories.Stored stored;
            try (Store store = Store.open(table, categories.main.clock())) {
                stored = store.categories().read();
            }
            PrintWriter out = categories.main.out();
            if (format.json()) {
                var result = Json.mapper().createObjectNode().put("version", stored.version());
                result.put("updatedBy", stored.updatedBy());
                result.put("updatedAt", stored.updatedAt());
                ArrayNode list = result.putArray("categories");
                stored.definitions().forEach(d -> list.add(AttrJson.toJson(d.toAttributes())));
                JobsCommand.printJson(out, result);
                return 0;
            }
            out.printf(
                    "%s in %s (version %d%s)%n",
                    Words.count(stored.definitions().size(), "category"),
                    table,
                    stored.version(),
                    stored.updatedBy() == null
                            ? ""
                            : ", written by " + stored.updatedBy() + " at " + stored.updatedAt());
            if (!stored.definitions().isEmpty()) {
                out.println();
                TextTable t = new TextTable("CATEGORY", "DEPENDS ON", "MAX CONCURRENCY");
                stored.definitions()
                        .forEach(d -> t.row(d.category(), String.join(", ", d.dependsOn()), d.maxConcurrency()));
                t.print(out);
            }
            return 0;
        }
    }

    /** {@code categories put C}. */
    @Command(
            name = "put",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Defines a category, or changes the settings given of an existing one.",
            footer = {
                "",
                "Example:",
                "  switchyard categories put STG --depends-on RAW,REF --max-concurrency 10 --table sqlite:",
                ""
            })
    static final class PutCategory implements Callable<Integer> {
        @ParentCommand
        CategoriesCommand categories;

        @Parameters(paramLabel = "CATEGORY", description = "The category name (JobCategory).")
        String category;

        @Mixin
        WriteOptions write;

        @Option(
                names = "--depends-on",
                paramLabel = "C1,C2",
                split = ",",
                description = "Upstream categories that must all succeed first; give an empty value for none.")
        List<String> dependsOn;

        @Option(
                names = "--max-concurrency",
                paramLabel = "N",
                description = "How many of its jobs run at once (1–10000, default 10).")
        Integer maxConcurrency;

        @Option(
                names = "--if-version",
                paramLabel = "N",
                description = "Write only if the categories are at this version.")
        Long version;

        @Override
        public Integer call() throws IOException {
            Stamp stamp = write.stamp(categories.main);
            try (Store store = write.open(categories.main)) {
                Categories.Written written =
                        store.categories().edit(category.strip(), this::change, WriteOptions.expected(version), stamp);
                report(categories.main.out(), write.format, category.strip(), written);
            }
            return 0;
        }

        /** The settings given, over the category's current ones (or the defaults for a new one). */
        private CategoryDefinition change(CategoryDefinition current) {
            List<String> upstream = dependsOn != null
                    ? dependsOn.stream()
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()
                    : current == null ? List.of() : current.dependsOn();
            int concurrency = maxConcurrency != null
                    ? maxConcurrency
                    : current == null ? CategoryDefinition.DEFAULT_MAX_CONCURRENCY : current.maxConcurrency();
            try {
                return new CategoryDefinition(
                        category, upstream, concurrency, current == null ? Map.of() : current.otherColumns());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** {@code categories delete C}. */
    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Deletes a category (refused while others depend on it).")
    static final class DeleteCategory implements Callable<Integer> {
        @ParentCommand
        CategoriesCommand categories;

        @Parameters(paramLabel = "CATEGORY", description = "The category name.")
        String category;

        @Mixin
        WriteOptions write;

        @Option(
                names = "--if-version",
                paramLabel = "N",
                description = "Delete only if the categories are at this version.")
        Long version;

        @Override
        public Integer call() throws IOException {
            Stamp stamp = write.stamp(categories.main);
            try (Store store = write.open(categories.main)) {
                Categories.Written w = store.categories().delete(category, WriteOptions.expected(version), stamp);
                report(categories.main.out(), write.format, category, w);
            }
            return 0;
        }
    }

    /** {@code categories import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Defines every category of a file (.csv, .json, .yaml) in one write, or none.",
                "Categories the file does not name are kept; the graph they make together is checked as a whole.",
            },
            footer = {
                "",
                "Example:",
                "  switchyard categories import examples/retail/categories.yaml --table sqlite:",
                ""
            })
    static final class ImportCategories implements Callable<Integer> {
        @ParentCommand
        CategoriesCommand categories;

        @Parameters(paramLabel = "FILE", description = "The categories file.")
        String file;

        @Mixin
        WriteOptions write;

        @Override
        public Integer call() throws IOException {
            Loaded<CategoryDefinition> rows = TableFiles.readCategories(TableSource.existingFile(file));
            Stamp stamp = write.stamp(categories.main);
            try (Store store = write.open(categories.main)) {
                report(
                        categories.main.out(),
                        write.format,
                        file,
                        store.categories().importAll(rows, stamp));
            }
            return 0;
        }
    }
}
