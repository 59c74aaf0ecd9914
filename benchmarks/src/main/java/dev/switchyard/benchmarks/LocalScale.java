package dev.switchyard.benchmarks;

import dev.switchyard.local.ExecutionReport;
import dev.switchyard.local.LocalOptions;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.local.RunProgress;
import dev.switchyard.local.RunReport;
import dev.switchyard.statemachine.ExecutionResult;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One large category run on this machine, as {@code switchyard run} runs it: JOBS jobs (default 5,000) whose
 * command sleeps 0.1 s, at most CONCURRENCY (default 50) at a time, through the deployed state machine
 * definition, local Glue and the reactor on a SQLite file. Prints the wall time, the peak heap (sampled every
 * 20 ms), the executions (the category goes on in a new execution every 1,000 jobs) and the largest state
 * payload seen against Step Functions' 262,144-byte limit. Run: {@code java -Xmx512m -cp
 * benchmarks/target/benchmarks.jar dev.switchyard.benchmarks.LocalScale [JOBS [CONCURRENCY]]}.
 */
public final class LocalScale {
    private LocalScale() {}

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("switchyard-scale");
        project(dir, jobs, concurrency);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        RunReport report;
        try (LocalOrchestrator orchestrator =
                LocalOrchestrator.fresh(LocalProject.at(dir), "RAW", LocalOptions.defaults(), new RunProgress() {})) {
            report = orchestrator.run("RAW", LocalDate.parse("2026-11-30"), false);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        sampler.interrupt();

        int runs = report.executions().stream().mapToInt(e -> e.jobs().size()).sum();
        long transitions = report.executions().stream()
                .mapToLong(e -> e.result().stateTransitions())
                .sum();
        ExecutionResult largest = report.executions().stream()
                .map(ExecutionReport::result)
                .max(java.util.Comparator.comparingInt(ExecutionResult::largestPayloadBytes))
                .orElseThrow();
        System.out.printf(
                Locale.ROOT, "jobs                 %,d at most %d at a time, each `sleep 0.1`%n", jobs, concurrency);
        System.out.printf(Locale.ROOT, "succeeded            %s (%,d job runs)%n", report.succeeded(), runs);
        System.out.printf(
                Locale.ROOT, "executions           %d%n", report.executions().size());
        System.out.printf(
                Locale.ROOT,
                "wall time            %.1f s (ideal %.1f s)%n",
                wall.toMillis() / 1000.0,
                jobs * 0.1 / concurrency);
        System.out.printf(
                Locale.ROOT, "state transitions    %,d (%.3f per job run)%n", transitions, (double) transitions / runs);
        System.out.printf(
                Locale.ROOT,
                "largest payload      %,d bytes in %s (limit 262,144)%n",
                largest.largestPayloadBytes(),
                largest.largestPayloadState());
        System.out.printf(
                Locale.ROOT,
                "peak heap            %.1f MB used (%.1f MB before the run; max %d MB)%n",
                peak.get() / 1e6,
                baseline / 1e6,
                Runtime.getRuntime().maxMemory() / 1_000_000);
        System.out.printf(Locale.ROOT, "problems             %s%n", report.problems());
    }

    private static void project(Path dir, int jobs, int concurrency) throws IOException {
        try (Writer table = Files.newBufferedWriter(dir.resolve("control-table.csv"), StandardCharsets.UTF_8);
                Writer commands = Files.newBufferedWriter(dir.resolve("jobs.yaml"), StandardCharsets.UTF_8)) {
            table.write("JobName,JobCategory,RunCondition,SkipFlag\n");
            for (int i = 0; i < jobs; i++) {
                String name = String.format(Locale.ROOT, "raw_source_%05d", i);
                table.write(name + ",RAW,DAILY,NO\n");
                commands.write(name + ": sleep 0.1\n");
            }
        }
        Files.writeString(dir.resolve("categories.yaml"), "- Category: RAW\n  MaxConcurrency: " + concurrency + "\n");
    }
}
