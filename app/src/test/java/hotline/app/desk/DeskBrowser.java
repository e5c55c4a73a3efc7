package hotline.app.desk;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Headless Chromium for the desk tests (Debian's chromium and chromium-driver, driven by Selenium), with a
 * throw-away profile. {@link #close()} quits the browser and deletes the profile.
 */
final class DeskBrowser implements AutoCloseable {

    private final WebDriver driver;
    private final Path profile;

    private DeskBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static DeskBrowser open(int width, int height) throws IOException {
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!chromedriver.canExecute()) {
            throw new IllegalStateException("this test needs Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        Path profile = Files.createTempDirectory("desk-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new DeskBrowser(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows to target/desk-screenshots/{name}.png, for people to look at. */
    void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "desk-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
