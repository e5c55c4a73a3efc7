package hotline.app.desk;

import hotline.app.drill.model.SampleEvidence;
import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lead's desk in a real browser (headless Chromium): KPIs against targets, generating a report and
 * finding its XLSX/PDF links, the quality and roster views, the drill evidence list and a drill report.
 * Screenshots land in target/desk-screenshots.
 */
class LeadDeskBrowserIT extends HotlineIT {

    private DeskBrowser desk;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        desk = DeskBrowser.open(1400, 1400);
        browser = desk.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (desk != null) {
            desk.close();
        }
        // the form login put the lead's seat on BREAK; leave it as other tests expect to find it
        as("lead").post("/api/seats/me/logout", Map.of());
    }

    @Test
    void theLeadSeesKpisGeneratesAReportAndPlansTheRoster() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("lead");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-ops"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#kpi-table thead"), "按时办结率"));
        assertThat(browser.findElement(By.cssSelector("#kpi-table tbody")).getText()).contains("全热线 Hotline");

        new Select(browser.findElement(By.id("rep-kind"))).selectByVisibleText("MONTHLY");
        browser.findElement(By.id("btn-rep-generate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rep-view"), "考核指标 Contract KPIs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rep-table a[href$='format=pdf']")));
        assertThat(browser.findElement(By.cssSelector("#rep-table a[href$='format=xlsx']")).getAttribute("href"))
                .contains("/api/reports/");
        desk.screenshot("lead-kpis-and-reports");

        browser.findElement(By.cssSelector("button[data-view=quality]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quality-panel")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("qa-info"), "no sample drawn"));

        browser.findElement(By.cssSelector("button[data-view=roster]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ro-table tbody tr"), 7));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ro-backup li")));
        assertThat(browser.findElement(By.id("ro-violations")).getText()).contains("working-day daytime needs the project lead");
        desk.screenshot("lead-roster");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

        // drill evidence recorded by ops shows in the lead's list and opens as its report
        UUID drill = UUID.randomUUID();
        assertThat(as("ops").post("/api/ops/drills", SampleEvidence.switchover(drill)).status()).isEqualTo(201);
        browser.findElement(By.cssSelector("button[data-view=drills]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#drill-table tr[data-id='" + drill + "']")));
        assertThat(browser.findElement(By.id("drill-chain")).getText()).contains("Evidence chain intact");
        String report = browser.findElement(By.cssSelector("#drill-table tr[data-id='" + drill + "'] a")).getAttribute("href");
        assertThat(report).endsWith("/api/ops/drills/" + drill + "/report");
        desk.screenshot("lead-drills");
        browser.get(report);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.timeline")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("SWITCHOVER — PASSED");
        desk.screenshot("lead-drill-report");
    }
}
