package dev.switchyard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.local.LocalOptions;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.local.RunProgress;
import dev.switchyard.local.RunReport;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import dev.switchyard.testsupport.DemoProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium, over the store of the demo project run for real: it loads, shows the
 * demo's jobs, follows a change in the store without a reload, shows a bad date's error, and offers actions only
 * when they are on.
 */
class DashboardBrowserTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 30);
    private static final String TOKEN = "browser-test-token-0123456789";

    @TempDir
    static Path dir;

    private static SqliteStore store;
    private static ChromeDriver browser;
    private DashboardServer server;

    @BeforeAll
    static void runTheDemo() throws Exception {
        Path project = DemoProject.copyTo(dir);
        try (LocalOrchestrator demo = LocalOrchestrator.fresh(
                LocalProject.at(project), "RAW", LocalOptions.defaults(), new RunProgress() {})) {
            RunReport report = demo.run("RAW", DATE, false);
            assertThat(report.succeeded()).isTrue();
        }
        store = SqliteStore.open(project.resolve(".switchyard/run.db"), Clock.systemUTC());
        browser = Chromium.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (store != null) {
            store.close();
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private DashboardServer serve(String token) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        OverviewReader reader = new OverviewReader(
                "sqlite:demo",
                store.table(ControlTable.SCHEMA),
                store.table(StateTable.SCHEMA),
                ZoneOffset.UTC,
                token != null);
        StoreOperator operator =
                new StoreOperator(store.table(ControlTable.SCHEMA), store.table(StateTable.SCHEMA), null, clock);
        server = DashboardServer.start(
                reader,
                operator,
                DashboardServer.Settings.loopback(0, clock)
                        .withRefresh(Duration.ofMillis(500))
                        .withToken(token));
        return server;
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** What a script answers: the page re-renders on each update, so it is read in one go, not element by element. */
    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jobsShown() {
        return (List<Object>) js("return [...document.querySelectorAll('tr[data-job]')].map(r => r.dataset.job)");
    }

    private static String text(String selector) {
        return (String) js("const e = document.querySelector(\"" + selector + "\"); return e && e.textContent");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowTheDemosJobs_theirStatusesAndTheChain() {
        browser.get(serve(null).uri().toString());

        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("connection"), "live"));

        assertThat(jobsShown())
                .containsExactlyInAnyOrder(
                        "raw_customers",
                        "raw_legacy_feed",
                        "raw_orders",
                        "raw_store_traffic",
                        "raw_web_sessions",
                        "stg_customers",
                        "stg_orders",
                        "mart_daily_sales");
        assertThat(js("return document.querySelector(\"tr[data-job='raw_orders']\").dataset.status"))
                .isEqualTo("SUCCEEDED");
        assertThat(text("tr[data-job='raw_orders'] .status")).isEqualTo("SUCCEEDED");
        assertThat(text("tr[data-job='raw_legacy_feed']")).containsIgnoringCase("skipped");
        assertThat(text("#chain")).contains("RAW", "STG", "MART");
        assertThat(js("return [...document.querySelectorAll('section.category')].map(s => s.dataset.category).join()"))
                .isEqualTo("RAW,STG,MART");
        assertThat(js("return document.querySelectorAll('[data-action]').length"))
                .isEqualTo(0L);
    }

    @Test
    void shouldFollowAStatusChange_withoutAReload() {
        browser.get(serve(null).uri().toString());
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        js("window.loadedOnce = 'still this page';");
        ControlTable control = new ControlTable(store.table(ControlTable.SCHEMA));
        Map<String, Attr> before = control.get("stg_orders").orElseThrow();

        try {
            long start = System.nanoTime();
            control.writeStatus(
                    "stg_orders",
                    Map.of("StatusFlag", new Attr.S(JobRunState.RUNNING.name())),
                    Condition.ALWAYS,
                    new Stamp("test", Instant.now()));

            waitUpTo(10)
                    .until(ExpectedConditions.attributeToBe(
                            By.cssSelector("tr[data-job='stg_orders']"), "data-status", "RUNNING"));
            System.out.printf(
                    "The page showed the change %d ms after the write.%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(js("return window.loadedOnce")).isEqualTo("still this page");
            assertThat(text("tr[data-job='stg_orders'] .status")).isEqualTo("RUNNING");
        } finally {
            control.writeStatus(
                    "stg_orders",
                    Map.of("StatusFlag", before.get("StatusFlag")),
                    Condition.ALWAYS,
                    new Stamp("test", Instant.now()));
        }
    }

    @Test
    void shouldShowTheServersErrorForAMalformedDate() {
        browser.get(serve(null).uri().resolve("/?date=2026-02-30").toString());

        WebElement error = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));

        assertThat(error.getText()).contains("'2026-02-30' is not a date");
    }

    @Test
    void shouldSkipAJobFromThePage_onlyWithTheToken() {
        browser.get(serve(TOKEN).uri() + "#token=" + TOKEN);
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        ControlTable control = new ControlTable(store.table(ControlTable.SCHEMA));

        try {
            // Found and clicked in one script: the page may re-render between a lookup and a click.
            waitUpTo(10).until(d -> (Boolean) js("const b = document.querySelector(\"tr[data-job='mart_daily_sales']"
                    + " [data-action='skip']\"); if (!b) return false; b.click(); return true;"));

            waitUpTo(10)
                    .until(d -> "YES"
                            .equals(JobColumns.text(
                                    control.get("mart_daily_sales").orElseThrow(), "SkipFlag")));
            waitUpTo(10)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("tr[data-job='mart_daily_sales'] [data-action='unskip']")));
            assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
        } finally {
            control.setSkipFlag("mart_daily_sales", false, new Stamp("test", Instant.now()));
        }
    }
}
