package dev.switchyard.contracts.event;

/**
 * The job arguments the orchestrator passes to every Glue run it starts, so that the reactor can attribute
 * the run to its category run from {@code GetJobRun} (SPEC §3). Glue job arguments start with {@code --}.
 */
public final class GlueArguments {
    public static final String CATEGORY = "--switchyard-category";
    public static final String RUN_DATE = "--switchyard-run-date";
    public static final String ENVIRONMENT = "--switchyard-environment";

    private GlueArguments() {}
}
