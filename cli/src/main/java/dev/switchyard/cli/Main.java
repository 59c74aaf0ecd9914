package dev.switchyard.cli;

import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.files.FileFormatException;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.store.MissingTableException;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.table.InvalidWriteException;
import dev.switchyard.reactor.table.NoSuchItemException;
import dev.switchyard.reactor.table.StaleVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchyard} command: one entry point, one subcommand per task (SPEC §7). */
@Command(
        name = "switchyard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "A metadata-driven orchestrator for AWS Glue jobs.",
            "A control table decides what runs; change a row and the next run follows it.",
        },
        subcommands = {
            PlanCommand.class,
            ValidateCommand.class,
            InitCommand.class,
            JobsCommand.class,
            CategoriesCommand.class,
            ReplayCommand.class,
            InvokeCommand.class,
            RunCommand.class,
            RerunCommand.class,
            AnomaliesCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit status: 0 success, 1 problems found (invalid rows, a failed run), 2 bad arguments or unreadable"
                    + " files.",
            "Run 'switchyard COMMAND --help' for a command's options.",
            "",
        })
public final class Main implements Runnable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    Main(PrintWriter out, PrintWriter err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, Clock.systemUTC()));
    }

    /** Runs a command line; returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine cli = new CommandLine(new Main(out, err, clock))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(LocalDate.class, Main::date)
                .registerConverter(ZoneId.class, Main::zone)
                .setParameterExceptionHandler((e, arguments) -> {
                    // One line saying what is wrong beats a screenful of usage; --help is one step away.
                    err.println("switchyard: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
                    String command = e.getCommandLine().getCommandSpec().qualifiedName();
                    err.println("Run '" + command + " --help' for the options.");
                    return 2;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    return switch (e) {
                        case UserError u -> fail(err, e.getMessage(), 2);
                        case FileFormatException f -> fail(err, e.getMessage(), 2);
                        case InvalidWriteException invalid -> refused(err, invalid);
                        case StaleVersionException stale -> fail(err, e.getMessage(), 1);
                        case NoSuchItemException missing -> fail(err, e.getMessage(), 1);
                        case MissingTableException missing ->
                            fail(
                                    err,
                                    e.getMessage() + "; create the store with"
                                            + " switchyard init, with the same --table, --endpoint and --region",
                                    2);
                        case StoreUnavailableException down ->
                            fail(err, "the store cannot be reached now, try again: " + e.getMessage(), 1);
                        case TransientFailureException down ->
                            fail(err, "a service could not be reached, try again: " + e.getMessage(), 1);
                        default -> throw e;
                    };
                });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static int fail(PrintWriter err, String message, int status) {
        err.println("switchyard: " + message);
        return status;
    }

    /** A write refused before anything was written: every problem, aligned. */
    private static int refused(PrintWriter err, InvalidWriteException e) {
        err.println("switchyard: refused, nothing was written: " + e.getMessage());
        if (e.problems().size() > 1
                || !e.getMessage().contains(e.problems().getFirst().reason())) {
            TextTable t = new TextTable("WHERE", "JOB/CATEGORY", "COLUMN", "TEXT", "PROBLEM");
            for (Problem p : e.problems()) {
                t.row(p.location(), p.subject(), p.column(), p.text() == null ? "" : "'" + p.text() + "'", p.reason());
            }
            t.print(err);
        }
        return 1;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date like 2026-11-30");
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (java.time.DateTimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a time zone; use e.g. UTC, Europe/Berlin or +02:00");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Clock clock() {
        return clock;
    }

    /** The version the build wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/switchyard-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"switchyard " + p.getProperty("version", "unknown")};
        }
    }
}
