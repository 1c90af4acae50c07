import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A class for stylecast-bench/scripts/classroom.sh, run as a single-file program on the project's class path:
 * {@code PORT STUDENTS SPREAD_SECONDS WIDTH ITERATIONS}. Each student, as a browser would, opens the page (and
 * gets its id cookie), starts a session of the samples, and watches it over a WebSocket, acknowledging every frame,
 * until it is done; the students start evenly over SPREAD_SECONDS, all from this one address. Prints JSON: each
 * student's wait for the first frame of its own painting and when it was done, and the class's figures.
 */
public class ClassClient {

    private static final String[] PHOTOS = {"chelsea", "coffee", "astronaut", "rocket"};
    private static final String[] STYLES = {"starry_night", "ihc", "hubble_deep_field"};

    record Student(int index, double createdAt, double firstFrameWait, double doneAt, String state) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int students = Integer.parseInt(args[1]);
        double spread = Double.parseDouble(args[2]);
        int width = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newHttpClient();
        Vertx vertx = Vertx.vertx();
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 << 20)
                .setMaxConnections(students + 10));
        ScheduledExecutorService starts = Executors.newScheduledThreadPool(4);
        long t0 = System.nanoTime();
        List<CompletableFuture<Student>> all = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            int index = i;
            CompletableFuture<Student> student = new CompletableFuture<>();
            all.add(student);
            starts.schedule(() -> {
                try {
                    run(index, port, width, iterations, http, sockets, t0, student);
                } catch (Exception e) {
                    student.complete(new Student(index, seconds(t0), -1, -1, "error: " + e.getMessage()));
                }
            }, (long) (spread * 1000 * i / students), TimeUnit.MILLISECONDS);
        }
        List<Student> done = new ArrayList<>();
        for (CompletableFuture<Student> s : all) {
            done.add(s.get(60, TimeUnit.MINUTES));
        }
        starts.shutdown();
        vertx.close().await();
        double[] waits = done.stream().filter(s -> s.firstFrameWait >= 0).mapToDouble(Student::firstFrameWait).sorted().toArray();
        double[] ends = done.stream().filter(s -> s.doneAt >= 0).mapToDouble(Student::doneAt).sorted().toArray();
        JsonArray each = new JsonArray();
        done.forEach(s -> each.add(new JsonObject().put("student", s.index).put("createdAt", round(s.createdAt))
                .put("firstFrameWait", round(s.firstFrameWait)).put("doneAt", round(s.doneAt)).put("state", s.state)));
        System.out.println(new JsonObject()
                .put("students", students).put("width", width).put("iterations", iterations).put("spreadSeconds", spread)
                .put("done", done.stream().filter(s -> s.state.equals("done")).count())
                .put("allDoneMinutes", ends.length == 0 ? null : round(ends[ends.length - 1] / 60))
                .put("firstFrameWaitMedian", median(waits)).put("firstFrameWaitMax", waits.length == 0 ? null : round(waits[waits.length - 1]))
                .put("doneAtMedian", median(ends)).put("each", each).encodePrettily());
    }

    private static void run(int index, int port, int width, int iterations, HttpClient http, WebSocketClient sockets,
                            long t0, CompletableFuture<Student> result) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        JsonObject body = new JsonObject().put("contentSample", PHOTOS[index % PHOTOS.length])
                .put("styleSample", STYLES[index % STYLES.length]).put("listed", true)
                .put("params", new JsonObject().put("width", width).put("iterations", iterations));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        double createdAt = seconds(t0);
        if (created.statusCode() != 201) {
            result.complete(new Student(index, createdAt, -1, -1, "refused " + created.statusCode() + ": " + created.body()));
            return;
        }
        JsonObject session = new JsonObject(created.body());
        double[] firstFrame = {-1};
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1")
                .setURI("/ws/sessions/" + session.getString("id") + "?token=" + session.getString("ownerToken"))
                .addHeader("Cookie", cookie);
        sockets.connect(options).onFailure(e -> result.complete(new Student(index, createdAt, -1, -1, "socket: " + e.getMessage())))
                .onSuccess(ws -> {
                    ws.binaryMessageHandler(frame -> {
                        if (firstFrame[0] < 0) {
                            firstFrame[0] = seconds(t0) - createdAt;
                        }
                        ws.writeTextMessage("{\"type\":\"ack\"}");
                    });
                    ws.textMessageHandler(text -> {
                        JsonObject message = new JsonObject(text);
                        String state = message.getString("state");
                        if ("status".equals(message.getString("type")) && state != null
                                && Arrays.asList("done", "failed", "cancelled").contains(state)) {
                            result.complete(new Student(index, createdAt, firstFrame[0], seconds(t0), state));
                            ws.close();
                        }
                    });
                    ws.closeHandler(v -> result.complete(new Student(index, createdAt, firstFrame[0], -1, "closed")));
                });
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Double round(double value) {
        return value < 0 ? null : Math.round(value * 10) / 10.0;
    }

    private static Double median(double[] sorted) {
        return sorted.length == 0 ? null : round(sorted[sorted.length / 2]);
    }
}
