package hotline.app.desk;

import hotline.app.site.SiteStateService;
import hotline.app.support.ApiClient.Response;
import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk through a site switch, in headless Chromium: while the site is not active a write says "switching sites"
 * and keeps the form; once it is active again at a new epoch, a banner tells the agent her seat. Same configuration
 * as {@code SeatSwitchIT}, so both share one app; it leaves the site ACTIVE and the agent logged out.
 */
@TestPropertySource(properties = "hotline.roster.backup-seats=3")
class SeatSwitchDeskBrowserIT extends HotlineIT {

    @Autowired
    SiteStateService site;

    private DeskBrowser desk;

    @AfterEach
    void closeBrowserAndLogOut() throws Exception {
        if (desk != null) {
            desk.close();
        }
        as("agent2").post("/api/seats/me/logout", "");
    }

    @Test
    void theDeskKeepsTheFormWhileSitesSwitchThenTellsTheAgentHerSeat() throws Exception {
        desk = DeskBrowser.open(1400, 1000);
        WebDriver browser = desk.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("agent2");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("seat-state"), "BREAK"));
        browser.findElement(By.id("tab-new")).click();
        browser.findElement(By.id("nt-title")).sendKeys("东湖路停水");

        long epoch = site.current().epoch() + 1;
        post("/api/ops/site/demote", Map.of("epoch", epoch, "activeSite", "b", "reason", "desk test"));
        browser.findElement(By.id("btn-ready")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Switching sites"));
        assertThat(browser.findElement(By.id("nt-title")).getAttribute("value")).isEqualTo("东湖路停水");

        post("/api/ops/site/promote", Map.of("epoch", epoch + 1, "reason", "desk test"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("switch-text"), "your seat: 1"));
        assertThat(browser.findElement(By.id("switch-text")).getText()).contains("Now served by site A");
        desk.screenshot("seat-switch-banner");
        assertThat(browser.findElement(By.id("seat-state")).getText()).isEqualTo("BREAK");
        assertThat(browser.findElement(By.id("nt-title")).getAttribute("value")).isEqualTo("东湖路停水");
    }

    private void post(String path, Map<String, Object> body) {
        Response r = as("ops").post(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
