package dev.switchyard.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by WebDriver: Debian's {@code chromium} and {@code chromium-driver}, which {@code
 * .ci/run} installs. Missing, they fail the test that needs them, saying so: a browser test is never skipped.
 */
final class Chromium {
    static final Path BROWSER = Path.of(System.getProperty("switchyard.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("switchyard.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {}

    static ChromeDriver start() {
        for (Path needed : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver), as .ci/run does");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // The machine's network is closed: without these, Chromium keeps trying to reach Google's services.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
