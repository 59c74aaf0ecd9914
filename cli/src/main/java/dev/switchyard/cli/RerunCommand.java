package dev.switchyard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard rerun}: the failed jobs of a blocked category run, again (issue 5). */
@Command(
        name = "rerun",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Re-runs the failed (FAILED, TIMEOUT, STOPPED) jobs of the category run of CATEGORY on a date, in the"
                    + " project's store as the last 'switchyard run' left it, through the same state machine"
                    + " definition. When they succeed, the category run succeeds and its downstream categories are"
                    + " triggered (once) and run.",
            "The jobs of DIR/jobs.yaml are read again, so a fixed command is what runs.",
        },
        footer = {
            "",
            "Exit status: 0 when every execution succeeded and its category run is complete, 1 otherwise, 2 for bad"
                    + " arguments or files; stopped by Ctrl-C, the shell's 130 (143 for SIGTERM).",
            "",
            "Example:",
            "  switchyard rerun RAW --date 2026-11-30 --project examples/demo",
            "",
        })
final class RerunCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "CATEGORY", description = "The category whose run to re-run, e.g. RAW.")
    private String category;

    @Mixin
    private RunCommand.RunOptions options;

    @Override
    public Integer call() {
        return options.runLocally(main, category, true);
    }
}
