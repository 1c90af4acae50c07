package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.stylecast.web.Browsers.byTestId;
import static io.stylecast.web.Browsers.canvasSum;
import static io.stylecast.web.Browsers.consoleErrors;
import static io.stylecast.web.Browsers.plotPixels;
import static io.stylecast.web.Browsers.progress;
import static io.stylecast.web.Browsers.screenshot;
import static io.stylecast.web.Browsers.waiting;
import static org.awaitility.Awaitility.await;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The page in Debian's headless Chromium against the production server. Screenshots go to target/screenshots/. */
@IntegrationTest
class BrowserTest {

    @TempDir
    Path dir;

    ServerFixture server;
    WebDriver owner;
    WebDriver student;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(dir, new JsonObject());
    }

    @AfterEach
    void stop() {
        for (WebDriver driver : new WebDriver[] {owner, student}) {
            if (driver != null) {
                driver.quit();
            }
        }
        server.close();
    }

    private WebDriver browser() throws IOException {
        return browser(1280, 1000);
    }

    private WebDriver browser(int width, int height) throws IOException {
        return Browsers.open(dir, width, height);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.server.port() + path;
    }

    /** The owner's page open in {@code driver}, its samples loaded, the coffee photo and the ihc style picked. */
    private WebDriver ownerWithCoffeeAndIhc(WebDriver driver) {
        driver.get(url("/"));
        waiting(driver).until(d -> !d.findElements(By.cssSelector("[data-testid='sample-content-coffee']")).isEmpty());
        assertEquals("true", byTestId(driver, "sample-style-starry_night").getAttribute("aria-pressed"),
                "the page opens on The Starry Night");
        byTestId(driver, "sample-content-coffee").click();
        byTestId(driver, "sample-style-ihc").click();
        return driver;
    }

    @Test
    void pickSamplesStartWatchSteerAndShare() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        assertEquals("true", byTestId(owner, "sample-style-ihc").getAttribute("aria-pressed"));
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("20000");
        byTestId(owner, "start").click();

        waiting(owner).until(d -> progress(d) > 2);
        long first = canvasSum(owner);
        int before = progress(owner);
        waiting(owner).until(d -> progress(d) > before + 5 && canvasSum(d) != first);
        assertNotEquals(first, canvasSum(owner), "the canvas changes from frame to frame");
        long plot = plotPixels(owner);
        assertTrue(plot > 500, "the loss plot is drawn: " + plot + " pixels");
        screenshot(owner, "running");

        byTestId(owner, "pause").click();
        waiting(owner).until(d -> owner.findElement(By.id("state")).getText().startsWith("Paused at iteration"));
        int paused = progress(owner);
        assertEquals("iteration " + paused + " / 20000", byTestId(owner, "progress-text").getText(),
                "no speed or time left while paused");
        await("no progress while paused").during(java.time.Duration.ofMillis(700)).atMost(java.time.Duration.ofSeconds(3))
                .until(() -> progress(owner) == paused);
        byTestId(owner, "resume").click();
        waiting(owner).until(d -> progress(d) > paused + 3);

        String share = byTestId(owner, "share-link").getAttribute("href");
        student = browser();
        student.get(share);
        waiting(student).until(d -> canvasSum(d) != 0 && progress(d) > 0);
        long seen = canvasSum(student);
        waiting(student).until(d -> canvasSum(d) != seen);
        assertTrue(student.findElements(By.cssSelector("[data-testid='pause']")).isEmpty(), "viewers have no controls");
        screenshot(student, "viewer");

        byTestId(owner, "cancel").click();
        waiting(owner).until(d -> owner.findElement(By.id("state")).getText().startsWith("Cancelled at iteration"));
        assertEquals(List.of(), consoleErrors(owner));
        assertEquals(List.of(), consoleErrors(student));
    }

    @Test
    void anUploadThatIsNotAnImageIsSaidAtOnce() throws Exception {
        owner = browser();
        owner.get(url("/"));
        waiting(owner).until(d -> !d.findElements(By.cssSelector("[data-testid='sample-style-ihc']")).isEmpty());
        Path notAnImage = dir.resolve("holiday.png");
        Files.writeString(notAnImage, "this is a text file, not a photo");
        byTestId(owner, "upload-content").sendKeys(notAnImage.toString());
        waiting(owner).until(d -> byTestId(d, "content-file-status").getText().contains("not a PNG"));
        assertEquals("holiday.png is not a PNG, JPEG, GIF or BMP image (it cannot be read as one)",
                byTestId(owner, "content-file-status").getText(), "said at once, before Start");
        byTestId(owner, "start").click();
        waiting(owner).until(d -> !byTestId(d, "error").getText().isEmpty());
        assertEquals("holiday.png is not a PNG, JPEG, GIF or BMP image (it cannot be read as one)", byTestId(owner, "error").getText());
        assertTrue(owner.findElement(By.id("content-preview")).getAttribute("hidden") != null, "no broken picture");
        screenshot(owner, "upload-error");
    }

    /** A short run with the photo's colours kept ends with its final PNG and a time-lapse (an animated GIF) to download. */
    @Test
    void aFinishedRunOffersItsTimeLapse() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        owner.findElement(By.id("preserve-colors")).click();
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("15");
        assertFalse(byTestId(owner, "timelapse").isDisplayed());
        byTestId(owner, "start").click();
        waiting(owner).until(d -> owner.findElement(By.id("state")).getText().startsWith("Done"));
        waiting(owner).until(d -> byTestId(d, "timelapse").isDisplayed());
        assertEquals("iteration 15 / 15", byTestId(owner, "progress-text").getText(), "done: no speed");
        assertFalse(owner.findElement(By.id("live-style-weight")).isEnabled(), "nothing to steer once done");
        assertFalse(byTestId(owner, "pause").isEnabled());
        String type = (String) ((JavascriptExecutor) owner).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector(\"[data-testid='timelapse']\").href).then(r => done(r.status + ' '"
                + " + r.headers.get('content-type')));");
        assertEquals("200 image/gif", type);

        // Download: the server's final.png byte for byte, not the canvas re-encoded
        String saved = (String) ((JavascriptExecutor) owner).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "HTMLAnchorElement.prototype.click = function () { fetch(this.href).then(r => r.arrayBuffer()).then(b => {"
                + " let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); done(this.download + ' ' + btoa(s)); }); };"
                + "document.querySelector(\"[data-testid='download']\").click();");
        String id = byTestId(owner, "share-link").getAttribute("href").replaceAll(".*/", "");
        byte[] finalPng = Files.readAllBytes(server.output.resolve(id).resolve("final.png"));
        assertEquals("stylecast-" + id + ".png " + java.util.Base64.getEncoder().encodeToString(finalPng), saved);

        byTestId(owner, "plot-mode").click();
        assertEquals("Show the loss terms", byTestId(owner, "plot-mode").getText());
        Thread.sleep(200);
        // the first layer's colour, #e57373, which the loss terms do not use
        long firstLayer = ((Number) ((JavascriptExecutor) owner).executeScript("const c = document.querySelector(\"[data-testid='loss-plot']\");"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 229) < 12 && Math.abs(d[i + 1] - 115) < 12"
                + " && Math.abs(d[i + 2] - 115) < 12 && d[i + 3] > 200) n++; return n;")).longValue();
        assertTrue(firstLayer > 50, "each style layer's loss is drawn: " + firstLayer + " pixels of the first's colour");
        screenshot(owner, "style-layers");
        assertEquals(List.of(), consoleErrors(owner));
    }

    /** A projector's 1280x800: the whole picture, scaled up to fit, and the line of progress, without scrolling. */
    @Test
    void theViewPageFitsThePictureAndItsProgressOnAProjector() throws Exception {
        String id = server.createSession(new JsonObject().put("width", 256).put("iterations", 20000)).getString("id");
        student = browser(1280, 800);
        student.get(url("/view/" + id));
        waiting(student).until(d -> progress(d) > 1);
        Thread.sleep(300);
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) ((JavascriptExecutor) student).executeScript(
                "const c = document.getElementById('canvas').getBoundingClientRect();"
                + "const t = document.getElementById('progress-text').getBoundingClientRect();"
                + "return {canvasTop: c.top, canvasBottom: c.bottom, canvasWidth: c.width, textBottom: t.bottom,"
                + " textWidth: t.width, viewport: window.innerHeight, scroll: document.scrollingElement.scrollTop};");
        double viewport = ((Number) box.get("viewport")).doubleValue();
        assertTrue(((Number) box.get("canvasBottom")).doubleValue() <= viewport, "the picture fits: " + box);
        assertTrue(((Number) box.get("textBottom")).doubleValue() <= viewport, "the progress line fits: " + box);
        assertTrue(((Number) box.get("textWidth")).doubleValue() > 50, "the progress line shows: " + box);
        assertTrue(((Number) box.get("canvasWidth")).doubleValue() > 500, "scaled up for a projector: " + box);
        screenshot(student, "projector");
        assertEquals(List.of(), consoleErrors(student));
    }

    /** A phone's 390x844: the form fits the width (nothing to scroll sideways) and Start is there. */
    @Test
    void theOwnersPageFitsAPhone() throws Exception {
        owner = browser(390, 844);
        owner.get(url("/"));
        waiting(owner).until(d -> !d.findElements(By.cssSelector("[data-testid='sample-content-coffee']")).isEmpty());
        long overflow = ((Number) ((JavascriptExecutor) owner).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertEquals(0, overflow, "no sideways scrolling");
        assertTrue(byTestId(owner, "start").isDisplayed());
        byTestId(owner, "sample-content-coffee").click();
        byTestId(owner, "sample-style-ihc").click();
        byTestId(owner, "start").click();
        waiting(owner).until(d -> progress(d) > 1);
        overflow = ((Number) ((JavascriptExecutor) owner).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertEquals(0, overflow, "no sideways scrolling while it paints");
        screenshot(owner, "phone");
        byTestId(owner, "cancel").click();
        assertEquals(List.of(), consoleErrors(owner));
    }

    /** The class wall shows the sessions their owners listed, live, and follows them as they start and end. */
    @Test
    void theWallShowsListedSessionsOnly() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        byTestId(owner, "listed").click();
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("20000");
        byTestId(owner, "start").click();
        waiting(owner).until(d -> progress(d) > 1);
        String listed = byTestId(owner, "share-link").getAttribute("href").replaceAll(".*/", "");
        String unlisted = server.createSession(new JsonObject().put("width", 64).put("iterations", 20000)).getString("id");

        student = browser(1280, 800);
        student.get(url("/wall"));
        By tile = By.cssSelector("[data-session='" + listed + "'] canvas");
        waiting(student).until(d -> !d.findElements(tile).isEmpty());
        waiting(student).until(d -> ((Number) ((JavascriptExecutor) d).executeScript("const c = arguments[0];"
                + "const p = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let s = 0;"
                + "for (let i = 0; i < p.length; i += 40) s += p[i]; return s;", d.findElement(tile))).longValue() > 0);
        assertTrue(student.findElements(By.cssSelector("[data-session='" + unlisted + "']")).isEmpty(),
                "an unlisted session is not on the wall");
        screenshot(student, "wall");

        byTestId(owner, "cancel").click();
        waiting(student).until(d -> d.findElements(By.cssSelector("[data-session='" + listed + "']")).isEmpty());
        assertEquals(List.of(), consoleErrors(student));
    }

    /** Two styles blended from the page, and a start from a picture of one's own: what the session was made with. */
    @Test
    void twoStylesBlendedAndAnUploadedStartPicture() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        new org.openqa.selenium.support.ui.Select(byTestId(owner, "style2")).selectByValue("brick");
        ((JavascriptExecutor) owner).executeScript("const b = document.getElementById('blend'); b.value = '0.3';"
                + "b.dispatchEvent(new Event('input'));");
        owner.findElement(By.cssSelector("summary")).click();
        new org.openqa.selenium.support.ui.Select(owner.findElement(By.id("init"))).selectByValue("image");
        Path start = dir.resolve("start.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", start.toFile());
        byTestId(owner, "upload-init").sendKeys(start.toString());
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("20000");
        byTestId(owner, "start").click();
        waiting(owner).until(d -> progress(d) > 1);
        String id = byTestId(owner, "share-link").getAttribute("href").replaceAll(".*/", "");
        JsonObject record = new JsonObject(Files.readString(dir.resolve("output").resolve(id).resolve("params.json")));
        assertEquals(2, record.getJsonArray("styles").size());
        assertEquals(List.of(0.7, 0.3), record.getJsonObject("params").getJsonArray("styleBlend").getList());
        assertEquals("image", record.getJsonObject("params").getString("init"));
        assertEquals("init.png", record.getString("init"));
        byTestId(owner, "cancel").click();
        assertEquals(List.of(), consoleErrors(owner));
    }

    /** The page's weights, learning rate and iteration limit are the server's network's and settings', not the HTML's. */
    @Test
    void thePageTakesItsDefaultsFromTheServersNetwork() throws Exception {
        JsonObject defaults = server.get("/api/health").json().getJsonObject("defaults");
        owner = browser();
        owner.get(url("/"));
        waiting(owner).until(d -> !byTestId(d, "live-style-weight-value").getAttribute("textContent").isEmpty());
        double exponent = Math.round(Math.log10(defaults.getDouble("styleWeight")) * 2) / 2.0;
        assertEquals(exponent, Double.parseDouble(byTestId(owner, "live-style-weight").getAttribute("value")),
                "the slider starts at the network's style weight");
        assertEquals("as started", byTestId(owner, "live-style-weight-value").getAttribute("textContent"));
        double rate = defaults.getJsonObject("learningRates").getDouble("adam");
        assertEquals(rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate),
                byTestId(owner, "live-learning-rate-value").getAttribute("textContent"));
        assertEquals(String.valueOf(defaults.getInteger("maxIterations")), byTestId(owner, "iterations").getAttribute("max"));
        JsonObject backend = server.get("/api/health").json().getJsonObject("backend");
        assertEquals("Runs on the CPU: " + backend.getString("isa") + ", " + backend.getInteger("threads") + " threads",
                byTestId(owner, "backend").getText());
        assertTrue(owner.findElement(By.id("model")).getAttribute("textContent")
                .contains(defaults.getJsonArray("contentLayers").getString(0)), "the network's layers are named");
        assertEquals(List.of(), consoleErrors(owner));
    }

    /** Coarse to fine from the page: the canvas follows each stage's size, and progress counts over all stages. */
    @Test
    void coarseToFineFromThePage() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        owner.findElement(By.cssSelector("summary")).click();
        byTestId(owner, "scales").sendKeys("64,128");
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("10");
        byTestId(owner, "start").click();
        waiting(owner).until(d -> owner.findElement(By.id("state")).getText().startsWith("Done"));
        assertEquals("20", byTestId(owner, "progress").getAttribute("max"), "10 iterations at each of 2 scales");
        assertEquals("128", byTestId(owner, "canvas").getAttribute("width"));
        assertEquals(List.of(), consoleErrors(owner));
    }

    /** A preset from the page: the session gets its values. */
    @Test
    void aPresetFromThePage() throws Exception {
        owner = ownerWithCoffeeAndIhc(browser());
        new org.openqa.selenium.support.ui.Select(byTestId(owner, "preset")).selectByValue("quick");
        assertFalse(owner.findElement(By.id("width")).isEnabled(), "the preset sets the size");
        byTestId(owner, "start").click();
        waiting(owner).until(d -> progress(d) > 1);
        String id = byTestId(owner, "share-link").getAttribute("href").replaceAll(".*/", "");
        JsonObject params = new JsonObject(Files.readString(dir.resolve("output").resolve(id).resolve("params.json")))
                .getJsonObject("params");
        assertEquals(List.of(256, 100), List.of(params.getInteger("width"), params.getInteger("iterations")));
        byTestId(owner, "cancel").click();
        assertEquals(List.of(), consoleErrors(owner));
    }
}
