package hotline.app.desk;

import hotline.app.support.ApiClient.Response;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser (headless Chromium from Debian's chromium and chromium-driver, driven by Selenium):
 * an agent logs in, goes ready, takes a queued contact and creates a ticket from it.
 */
class AgentDeskBrowserIT extends HotlineIT {

    private DeskBrowser desk;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        desk = DeskBrowser.open(1400, 1000);
        browser = desk.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void anAgentLogsInTakesAQueuedContactAndCreatesATicket() {
        Response queued = as("channels", "demo-channel-secret").post("/api/channels/messages", Map.of(
                "channel", "WECHAT", "externalId", "wx-browser-1", "senderName", "陈女士",
                "senderPhone", "13655556666", "subject", "小区停水", "text", "东湖路小区从早上开始停水，请问何时恢复？",
                "category", "WATER_SUPPLY_OUTAGE"));
        assertThat(queued.status()).as(queued.body()).isEqualTo(201);

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("agent6");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBe(By.id("seat-state"), "BREAK"));
        browser.findElement(By.id("btn-ready")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
        assertThat(browser.findElement(By.id("offer-text")).getText()).contains("小区停水");
        browser.findElement(By.id("btn-accept")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-panel")));
        wait.until(ExpectedConditions.textToBe(By.id("seat-state"), "BUSY"));
        assertThat(browser.findElement(By.id("nt-title")).getAttribute("value")).isEqualTo("小区停水");
        assertThat(new Select(browser.findElement(By.id("nt-channel"))).getFirstSelectedOption().getText()).isEqualTo("WECHAT");
        browser.findElement(By.id("nt-district")).sendKeys("武昌区");
        browser.findElement(By.id("nt-address")).sendKeys("东湖路1号");
        browser.findElement(By.id("btn-create-ticket")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-panel")));
        wait.until(ExpectedConditions.textMatches(By.id("d-title"), java.util.regex.Pattern.compile("A\\d{8}-\\d{6} · 小区停水")));
        String number = browser.findElement(By.id("d-title")).getText().split(" ")[0];
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-screen")));

        Response ticket = lead.get("/api/tickets/" + number);
        assertThat(ticket.text("state")).isEqualTo("ACCEPTED");
        assertThat(ticket.text("channel")).isEqualTo("WECHAT");
        assertThat(ticket.text("ownerUsername")).isEqualTo("agent6");
        Response contact = lead.get("/api/contacts/" + ticket.text("contactId"));
        assertThat(contact.text("ticketId")).isEqualTo(ticket.text("id"));
        assertThat(contact.text("state")).isEqualTo("CONNECTED");

        // leave the seat as other tests expect to find it (they may share this app and database)
        var agent6 = as("agent6");
        assertThat(agent6.post("/api/contacts/" + contact.text("id") + "/complete", Map.of()).status()).isEqualTo(200);
        agent6.post("/api/seats/me/logout", Map.of());
    }
}
