package io.stylecast.web;

import static io.stylecast.web.Browsers.byTestId;
import static io.stylecast.web.Browsers.progress;
import static io.stylecast.web.Browsers.screenshot;
import static io.stylecast.web.Browsers.script;
import static io.stylecast.web.Browsers.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** What a class meets (issue #21), in real Chromium: a server restarted under open pages, the wall, /view at its edges. */
@IntegrationTest
class ClassroomBrowserTest {

    @TempDir
    Path dir;

    private ServerFixture server;
    private int port;
    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void stop() {
        browsers.forEach(WebDriver::quit);
        if (server != null) {
            server.close();
        }
    }

    private WebDriver browser(int width, int height) throws Exception {
        WebDriver driver = Browsers.open(dir, width, height);
        browsers.add(driver);
        return driver;
    }

    /** The server on a port of its own, the same one after a restart (the pages keep their address). */
    private void startServer() throws Exception {
        if (port == 0) {
            port = TestCluster.freePorts(1)[0];
        }
        server = ServerFixture.start(dir, new JsonObject().put("http", new JsonObject().put("port", port)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String text(WebDriver driver, String testId) {
        return byTestId(driver, testId).getText();
    }

    /** Errors the page's own code raised; the browser's reports of refused connections while the server is down are not. */
    private static List<String> scriptErrors(WebDriver driver) {
        return Browsers.consoleErrors(driver).stream()
                .filter(e -> !e.contains("net::ERR_CONNECTION_REFUSED") && !e.contains("WebSocket connection to")).toList();
    }

    @Test
    void aServerRestartUnderOpenPagesIsSaidAndTheOwnerResumesFromThePage() throws Exception {
        startServer();
        WebDriver owner = browser(1280, 1000);
        owner.get(url("/"));
        waiting(owner).until(d -> !d.findElements(By.cssSelector("[data-testid='sample-content-chelsea']")).isEmpty());
        owner.findElement(By.id("iterations")).clear();
        owner.findElement(By.id("iterations")).sendKeys("20000");
        byTestId(owner, "listed").click();
        byTestId(owner, "start").click();
        waiting(owner).until(d -> "live".equals(script(d, "return document.activeElement.id;")));
        waiting(owner).until(d -> progress(d) > 3);
        String id = byTestId(owner, "share-link").getAttribute("href").replaceAll(".*/", "");
        script(owner, "const s = document.getElementById('live-style-weight'); s.value = Number(s.value) + 1;"
                + "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));");
        waiting(owner).until(d -> text(d, "note").matches("Style strength ×10: applied from iteration \\d+"));
        WebDriver viewer = browser(1280, 800);
        viewer.get(url("/view/" + id));
        waiting(viewer).until(d -> progress(d) > 3);
        WebDriver wall = browser(1920, 1080);
        wall.get(url("/wall"));
        waiting(wall).until(d -> !d.findElements(By.cssSelector("[data-session='" + id + "']")).isEmpty());

        server.close();
        server = null;
        for (WebDriver page : List.of(owner, viewer)) {
            waiting(page).until(d -> text(d, "connection").startsWith("Connection lost, reconnecting"));
        }
        waiting(wall).until(d -> byTestId(d, "connection").isDisplayed());
        assertEquals("Connection lost, reconnecting…", text(wall, "connection"));
        assertTrue(byTestId(owner, "pause").getAttribute("disabled") != null, "Pause does nothing while the server is away");
        screenshot(owner, "owner-connection-lost");
        int before = progress(owner);

        startServer();
        waiting(owner).until(d -> !byTestId(d, "connection").isDisplayed()
                && text(d, "state").startsWith("Stopped by a server restart"));
        assertTrue(byTestId(owner, "resume").isEnabled(), "Resume continues the saved session");
        byTestId(owner, "resume").click();
        waiting(owner).until(d -> text(d, "state").equals("Painting") && progress(d) > before + 3);
        waiting(viewer).until(d -> !byTestId(d, "connection").isDisplayed() && progress(d) > before + 3);
        waiting(wall).until(d -> !byTestId(d, "connection").isDisplayed()
                && !d.findElements(By.cssSelector("[data-session='" + id + "']")).isEmpty());
        screenshot(owner, "owner-resumed");

        owner.navigate().refresh();
        waiting(owner).until(d -> !d.findElements(By.cssSelector("[data-testid='my-session']")).isEmpty());
        assertTrue(text(owner, "my-session").startsWith("chelsea in the style of starry night"), text(owner, "my-session"));
        byTestId(owner, "my-session-cancel").click();
        waiting(owner).until(d -> text(d, "my-session").contains("Cancelled at iteration"));
        for (WebDriver page : List.of(owner, viewer, wall)) {
            assertEquals(List.of(), scriptErrors(page));
        }
    }

    /** What a first visit to the page costs, as Chromium counts it (every response's bytes on the wire). */
    @Test
    void theFirstViewIsLightAndUpgradesReachItAtOnce() throws Exception {
        startServer();
        WebDriver fresh = browser(1280, 1000);
        fresh.get(url("/"));
        waiting(fresh).until(d -> (Boolean) script(d, "return [...document.querySelectorAll('.thumb img, .preview')]"
                + ".every(i => i.hidden || (i.complete && i.naturalWidth > 0));")
                && d.findElements(By.cssSelector(".thumb img")).size() == 9);
        Thread.sleep(500);
        @SuppressWarnings("unchecked")
        Map<String, Object> weight = (Map<String, Object>) script(fresh,
                "const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];"
                + "return {bytes: all.reduce((a, e) => a + e.transferSize, 0), count: all.length,"
                + " largest: Math.max(...all.map(e => e.transferSize))};");
        long bytes = ((Number) weight.get("bytes")).longValue();
        System.out.println("the first view of /: " + weight);
        assertTrue(bytes < 300_000, "the first view weighs " + weight);
        assertTrue(((Number) weight.get("largest")).longValue() < 40_000, "no full-size picture in it: " + weight);
        ServerFixture.Response script = server.request(io.vertx.core.http.HttpMethod.GET, "/js/app.js", null,
                Map.of("Accept-Encoding", "gzip"));
        assertEquals("gzip", script.header("Content-Encoding"), "text goes compressed");
        assertEquals("no-cache", script.header("Cache-Control"), "asked for again at each load");
        ServerFixture.Response again = server.request(io.vertx.core.http.HttpMethod.GET, "/js/app.js", null,
                Map.of("If-Modified-Since", script.header("Last-Modified")));
        assertEquals(304, again.status(), "and not sent again while unchanged");
        assertEquals("no-cache", server.get("/").header("Cache-Control"));
        assertEquals("no-cache", server.get("/wall").header("Cache-Control"));
    }

    /** On a phone every control is a target of at least 24 x 24 px (WCAG 2.5.8), and a checkbox sits beside its words. */
    @Test
    void theFormFollowsThePlatformOnAPhone() throws Exception {
        startServer();
        WebDriver phone = browser(390, 844);
        phone.get(url("/"));
        waiting(phone).until(d -> d.findElements(By.cssSelector(".thumb")).size() == 9);
        phone.findElement(By.cssSelector("summary")).click();
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) script(phone,
                "return [...document.querySelectorAll('input:not(.visually-hidden), select, button, label.button, summary')]"
                + ".filter(e => e.offsetParent !== null).map(e => [e, e.getBoundingClientRect()])"
                + ".filter(([e, r]) => r.width < 24 || r.height < 24).map(([e, r]) => (e.id || e.textContent.trim()) + ' '"
                + " + Math.round(r.width) + 'x' + Math.round(r.height));");
        assertEquals(List.of(), small, "targets smaller than 24 x 24 px");
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) script(phone,
                "const box = document.getElementById('listed').getBoundingClientRect();"
                + "const words = document.getElementById('listed').nextSibling;"
                + "const range = document.createRange(); range.selectNodeContents(words); const text = range.getBoundingClientRect();"
                + "return {boxRight: box.right, textLeft: text.left, boxTop: box.top, textTop: text.top, textBottom: text.bottom};");
        assertTrue(((Number) check.get("textLeft")).doubleValue() >= ((Number) check.get("boxRight")).doubleValue()
                && ((Number) check.get("textTop")).doubleValue() < ((Number) check.get("boxTop")).doubleValue() + 24,
                "the checkbox beside its label: " + check);
        screenshot(phone, "form-phone");
    }

    /** axe-core finds nothing against WCAG 2.2 AA and its best practices on the three pages, in use. */
    @Test
    void axeFindsNothingOnThePages() throws Exception {
        startServer();
        ServerFixture.Response created = server.postJson(new JsonObject().put("contentSample", "chelsea")
                .put("styleSample", "starry_night").put("listed", true).put("caption", "Ana: chelsea")
                .put("params", new JsonObject().put("width", 64).put("iterations", 20000)));
        String id = created.json().getString("id");
        WebDriver page = browser(1280, 1000);
        page.get(url("/"));
        waiting(page).until(d -> d.findElements(By.cssSelector(".thumb")).size() == 9);
        assertEquals(List.of(), Browsers.accessibilityViolations(page), "/");
        byTestId(page, "start").click();
        waiting(page).until(d -> progress(d) > 2);
        assertEquals(List.of(), Browsers.accessibilityViolations(page), "/ while a session paints");
        page.get(url("/view/" + id));
        waiting(page).until(d -> progress(d) > 2);
        assertEquals(List.of(), Browsers.accessibilityViolations(page), "/view");
        page.get(url("/wall"));
        waiting(page).until(d -> !d.findElements(By.cssSelector("[data-testid='wall-tile']")).isEmpty());
        assertEquals(List.of(), Browsers.accessibilityViolations(page), "/wall");
    }

    @Test
    void theWallKeepsTheClassPicturesAndIsReadFromTheBackOfTheRoom() throws Exception {
        startServer();
        List<String> ids = new ArrayList<>();
        for (String content : List.of("chelsea", "coffee", "astronaut")) {
            ServerFixture.Response created = server.postJson(new JsonObject().put("contentSample", content)
                    .put("styleSample", "starry_night").put("listed", true).put("caption", "Ana: " + content)
                    .put("params", new JsonObject().put("width", 64).put("iterations", 40)));
            assertEquals(201, created.status(), created.body().toString());
            ids.add(created.json().getString("id"));
        }
        WebDriver wall = browser(1920, 1080);
        wall.get(url("/wall"));
        for (String id : ids) {
            waiting(wall).until(d -> "done".equals(d.findElement(By.cssSelector("[data-session='" + id + "']")).getAttribute("data-state")));
        }
        Thread.sleep(7000);   // two of the wall's polls
        assertEquals(3, wall.findElements(By.cssSelector("[data-testid='wall-tile']")).size(), "the finished paintings stay");
        assertEquals("Done: 40 iterations", wall.findElements(By.cssSelector("[data-testid='wall-state']")).get(0).getText());
        assertEquals("Ana: chelsea", wall.findElement(By.cssSelector("[data-session='" + ids.get(0) + "'] .name")).getText());
        @SuppressWarnings("unchecked")
        Map<String, Object> looks = (Map<String, Object>) script(wall,
                "const tiles = [...document.querySelectorAll('.tile')].map(t => t.getBoundingClientRect());"
                + "const caption = getComputedStyle(document.querySelector('.tile figcaption'));"
                + "return {text: parseFloat(caption.fontSize), heading: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),"
                + " covered: tiles.reduce((a, r) => a + r.width * r.height, 0) / (innerWidth * innerHeight),"
                + " bottom: Math.max(...tiles.map(r => r.bottom)), viewport: innerHeight};");
        assertTrue(((Number) looks.get("text")).doubleValue() >= 24, "captions of at least 24 px: " + looks);
        assertTrue(((Number) looks.get("covered")).doubleValue() > 0.5, "the tiles fill the screen: " + looks);
        assertTrue(((Number) looks.get("bottom")).doubleValue() <= ((Number) looks.get("viewport")).doubleValue(),
                "and fit on it: " + looks);
        screenshot(wall, "wall-three-done");
        byTestId(wall, "clear-wall").click();
        assertEquals(0, wall.findElements(By.cssSelector("[data-testid='wall-tile']")).size(), "the teacher cleared them");
        wall.navigate().refresh();
        Thread.sleep(4000);
        assertEquals(0, wall.findElements(By.cssSelector("[data-testid='wall-tile']")).size(), "and they stay cleared on this screen");
        assertEquals(List.of(), scriptErrors(wall));
    }

    @Test
    void theViewPageOpenedLateForAnUnknownIdAndOnAPhone() throws Exception {
        startServer();
        String done = server.createSession(new JsonObject().put("width", 64).put("iterations", 30)).getString("id");
        server.awaitState(done, "done");
        WebDriver late = browser(1280, 800);
        late.get(url("/view/" + done));
        waiting(late).until(d -> text(d, "state").equals("Done: 30 iterations"));
        assertEquals("30", byTestId(late, "progress").getAttribute("value"));
        assertEquals("iteration 30 / 30", text(late, "progress-text"));
        waiting(late).until(d -> Browsers.canvasSum(d) != 0);
        waiting(late).until(d -> Browsers.plotPixels(d) > 300);   // the plot of the whole run, from the server
        assertEquals(1, late.findElements(By.tagName("h1")).size());

        late.get(url("/view/" + "0".repeat(32)));
        waiting(late).until(d -> text(d, "state").equals("Nothing to watch here"));
        assertTrue(text(late, "connection").matches("No session .*|This session is not on the server"), text(late, "connection"));
        assertTrue(!byTestId(late, "canvas").isDisplayed(), "no black canvas for nothing");

        String running = server.createEndlessSession().getString("id");
        WebDriver phone = browser(390, 844);
        phone.get(url("/view/" + running));
        waiting(phone).until(d -> progress(d) > 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) script(phone,
                "const t = document.getElementById('progress-text'); const s = document.getElementById('state');"
                + "return {text: t.scrollWidth - t.clientWidth, state: s.scrollWidth - s.clientWidth, words: t.textContent};");
        assertEquals(0L, ((Number) line.get("text")).longValue(), "the progress line is not cut: " + line);
        assertEquals(0L, ((Number) line.get("state")).longValue(), "nor the state: " + line);
        screenshot(phone, "view-phone");
        assertEquals(List.of(), scriptErrors(phone));
    }
}
