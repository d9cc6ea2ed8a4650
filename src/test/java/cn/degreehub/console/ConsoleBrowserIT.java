package cn.degreehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.Waiting;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real headless Chromium (Debian chromium + chromium-driver, installed by .ci/run;
 * skipped with a message where they are missing). Screenshots go to target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT extends HubTestSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    WebDriver browser;

    @org.springframework.beans.factory.annotation.Autowired
    cn.degreehub.demo.PortalSimulator portalSimulator;

    @BeforeAll
    void openBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian chromium and chromium-driver are not installed (.ci/run installs them): skipping the browser tests");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,900", "--lang=zh-CN");
        // the Debian driver, never one Selenium Manager would try to download
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void screenshot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    void logIn(String user) {
        browser.get(url("/admin/login"));
        browser.manage().deleteAllCookies(); // a fresh session for each test
        browser.get(url("/admin"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pass");
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    /** Clicks a form's button and waits until the browser has left the page it was on. */
    void submitAndWait(By button) {
        var page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        awaitLeft(page);
    }

    /**
     * Waits until {@code page}'s document is gone. Chrome answers a question about an element of a document it is
     * replacing either as stale (what Selenium's stalenessOf expects) or, in a race during navigation, with
     * "Node with given id does not belong to the document": both mean the page has been left.
     */
    void awaitLeft(org.openqa.selenium.WebElement page) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    int completedToday() {
        return Integer.parseInt(browser.findElement(By.cssSelector("#applications tr[data-status='COMPLETED'] td.today"))
                .getText().trim());
    }

    int filingsToday() {
        return Integer.parseInt(browser.findElement(By.id("filings-today")).getText().trim());
    }

    @Test
    void anAdminSeesTheDashboardCountsChangeAfterAFilingAndAnApplication() throws Exception {
        logIn("admin");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("admin");
        assertThat(browser.getPageSource()).contains("认证申请");
        screenshot("01-dashboard-before");
        int completed = completedToday();
        int filings = filingsToday();

        FilingRecord record = fileAndPublish(2018, 1).get(0);
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        assertThat(portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(record), Language.ZH))
                .getStatus()).isEqualTo(ApplicationStatus.COMPLETED);

        browser.navigate().refresh();
        assertThat(filingsToday()).isEqualTo(filings + 1);
        assertThat(completedToday()).isEqualTo(completed + 1);
        screenshot("02-dashboard-after");

        browser.findElement(By.id("lang")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Dashboard"));
        screenshot("03-dashboard-en");
        browser.findElement(By.id("lang")).click();
    }

    @Test
    void anAdminStopsAndStartsARoute() throws Exception {
        logIn("admin");
        browser.get(url("/admin/routes"));
        By row = By.id("route-time-limits-watch");
        browser.findElement(row).findElement(By.cssSelector("button.stop")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.cssSelector("#route-time-limits-watch td.state"), "Stopped"));
        screenshot("04-route-stopped");
        browser.findElement(row).findElement(By.cssSelector("button.start")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.cssSelector("#route-time-limits-watch td.state"), "Started"));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ROUTE_START' AND target = 'time-limits-watch'"))
                .isPositive();
        screenshot("05-route-started");
        browser.findElement(By.linkText("合作方")).click();
        assertThat(browser.findElements(By.cssSelector("#units tr[data-unit]"))).hasSizeGreaterThanOrEqualTo(2);
        screenshot("12-partners");
        browser.findElement(By.linkText("审计日志")).click();
        assertThat(browser.findElement(By.id("audit")).getText()).contains("ROUTE_STOP");
        screenshot("13-audit");
    }

    @Test
    void anAdminReplaysADeadLetteredNotificationOnceThePortalIsBack() throws Exception {
        FilingRecord record = fileAndPublish(2017, 1).get(0);
        String no;
        portalSimulator.setUp(false);
        try {
            no = client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false)
                    .submitApplication(PortalRequests.application(PortalRequests.asApplied(record), Language.ZH))
                    .getApplicationNo();
            String application = no;
            Waiting.await("both notifications of " + no + " dead-lettered").until(() -> count(
                    "SELECT COUNT(*) FROM portal_notification WHERE application_no = ? AND state = 'DEAD'", application) >= 2);
            assertThat(count("SELECT COUNT(*) FROM portal_notification WHERE application_no = ? AND state = 'DEAD'", no))
                    .isEqualTo(2);
        } finally {
            portalSimulator.setUp(true);
        }

        logIn("admin");
        // the dead-letter copy is on the queue before its outbox row turns DEAD
        browser.get(url("/admin/queues"));
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("#queue-DLQ\\.degreehub\\.portal\\.notify td.depth"))
                .getText())).isGreaterThanOrEqualTo(2);
        browser.findElement(By.cssSelector("#queue-DLQ\\.degreehub\\.portal\\.notify a")).click();
        var ours = browser.findElements(By.cssSelector("#messages tr.message")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("pre.preview")).getText().contains(no)).toList();
        assertThat(ours).hasSize(2);
        screenshot("07-dead-letters");
        // RECEIVED: COMPLETED, dead-lettered behind it, would wait for it
        ours.stream().filter(tr -> tr.findElement(By.cssSelector("pre.preview")).getText().contains("RECEIVED")).findFirst()
                .orElseThrow().findElement(By.cssSelector("button.replay")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).endsWith("degreehub.portal.notify");
        screenshot("08-replayed");

        String replayed = no;
        Waiting.await("the replayed notification of " + no + " delivered").until(() -> count(
                "SELECT COUNT(*) FROM portal_notification WHERE application_no = ? AND state = 'DELIVERED'", replayed) >= 1);
        assertThat(count("SELECT COUNT(*) FROM portal_notification WHERE application_no = ? AND state = 'DELIVERED'", no))
                .isEqualTo(1);
        assertThat(portalSimulator.received()).anyMatch(n -> n.applicationNo().equals(no));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'DLQ_REPLAY' AND actor = 'admin'")).isPositive();
    }

    @Test
    void aReviewerCorrectsAMistypedNameBesideTheScanAndApprovesTheApplication() throws Exception {
        FilingRecord record = fileAndPublish(2016, 1).get(0);
        var typo = PortalRequests.asApplied(record);
        typo.setHolderName(record.getXM() + "某");
        String no = client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false)
                .submitApplication(PortalRequests.application(typo, Language.ZH)).getApplicationNo();

        logIn("reviewer");
        browser.findElement(By.linkText("材料审查")).click();
        browser.findElement(By.linkText(no)).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("审查中");
        // the certificate scan is shown as an image beside the fields
        var scan = browser.findElement(By.cssSelector(".attachments img"));
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return arguments[0].naturalWidth", scan)).intValue()).isPositive();
        screenshot("10-review-before");

        var name = browser.findElement(By.id("holderName"));
        name.clear();
        name.sendKeys(record.getXM());
        submitAndWait(By.id("correct"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("holderName");
        submitAndWait(By.id("rematch"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("COMPLETED");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已完成");
        screenshot("11-review-approved");
        assertThat(count("SELECT COUNT(*) FROM verification_application WHERE application_no = ? AND status = 'COMPLETED'"
                + " AND result = 'CONSISTENT'", no)).isEqualTo(1);
    }

    @Test
    void aReviewerIsRefusedTheRoutesPage() throws Exception {
        logIn("reviewer");
        assertThat(browser.findElements(By.linkText("路由"))).isEmpty();
        browser.get(url("/admin/routes"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("无权访问");
        screenshot("06-reviewer-denied");
        browser.findElement(By.linkText("办理期限")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("办理期限");
        screenshot("09-time-limits");
    }

    /** Waits until a job's page (which reloads itself while the job runs) shows the job ended. */
    String awaitJobEnd() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !"RUNNING".equals(d.findElement(By.id("job")).getAttribute("data-status")));
        return browser.findElement(By.id("job")).getAttribute("data-status");
    }

    @Test
    void anAdminFollowsAPublicationRunAndInspectsTheRoutesInHawtio() throws Exception {
        file(2009, 3_000);
        logIn("admin");
        browser.findElement(By.linkText("备案")).click();
        submitAndWait(By.id("publish"));
        assertThat(browser.getCurrentUrl()).contains("/admin/jobs/");
        assertThat(awaitJobEnd()).isEqualTo("DONE");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已完成");
        assertThat(browser.findElement(By.id("counts")).getText()).contains("(100%)");
        assertThat(browser.findElement(By.id("result")).getText()).contains("published");
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.getElementById('bar').value")).intValue()).isEqualTo(100);
        screenshot("14-publication-run");

        browser.get(url("/admin/routes"));
        int audited = count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'JMX_%'");
        String hawtio = browser.findElement(By.id("hawtio")).getAttribute("href");
        browser.get(hawtio);
        // Hawtio's own page, signed in through the console's session, reading the routes over Jolokia
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(d -> d.findElement(By.tagName("body")).getText().contains("check-dispatch")
                            && d.findElement(By.tagName("body")).getText().contains("Started"));
        } finally {
            screenshot("15-hawtio-routes");
            Files.writeString(SHOTS.resolve("15-hawtio-routes.txt"), browser.getCurrentUrl() + "\n"
                    + browser.findElement(By.tagName("body")).getText());
        }
        // looking changes nothing, so nothing is audited (Hawtio's permission checks are exec requests too)
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'JMX_%'"))
                .as(jdbc.queryForList("SELECT target, detail FROM audit_log WHERE action LIKE 'JMX_%'").toString())
                .isEqualTo(audited);
    }

    @Test
    void aReviewerDrawsASpotCheckAndRevokesAReport() throws Exception {
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        java.util.List<String> reports = new java.util.ArrayList<>();
        for (FilingRecord r : fileAndPublish(2013, 2)) {
            reports.add(portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(r), Language.ZH))
                    .getReportNo());
        }
        logIn("reviewer");
        browser.findElement(By.linkText("报告")).click();
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("document.getElementById('spot-from').value = '2026-11-23';"
                + "document.getElementById('spot-to').value = '2026-11-23';"
                + "document.getElementById('spot-share').value = '100';");
        screenshot("16-spot-check-form");
        submitAndWait(By.id("spot-sample"));
        assertThat(awaitJobEnd()).isEqualTo("DONE");
        screenshot("17-spot-check-job");
        submitAndWait(By.id("result-link"));
        var row = browser.findElement(By.cssSelector("#items tr[data-report='" + reports.get(0) + "']"));
        row.findElement(By.name("reason")).sendKeys("抽查发现授予日期有误");
        var page = browser.findElement(By.tagName("html"));
        row.findElement(By.cssSelector("button.revoke")).click();
        awaitLeft(page);
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo(reports.get(0) + " → REVOKED");
        assertThat(browser.findElement(By.cssSelector("#items tr[data-report='" + reports.get(0) + "'] td.status")).getText())
                .isEqualTo("已撤销");
        screenshot("18-spot-check-decided");
    }
}
