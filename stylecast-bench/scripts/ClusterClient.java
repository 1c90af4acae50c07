import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The viewer side of stylecast-bench/scripts/cluster.sh, run as a single-file program on the project's class path:
 * {@code PORT WIDTH UPDATES SECONDS [WATCH_PORT]} creates a session of WIDTH pixels on the server at PORT, watches it
 * as its owner (acking every frame) through WATCH_PORT (another web node of the cluster; PORT by default) and prints
 * one JSON line: milliseconds from the POST to the first frame,
 * to the first optimised frame (iteration 1), the median and 90th percentile of UPDATES control round
 * trips (an {@code update} sent to the time its status comes back: viewer -> web node -> worker, which
 * applies it between two iterations, -> web node -> viewer), and the iterations per second a viewer sees
 * over SECONDS. Cancels the session at the end.
 */
public class ClusterClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int width = Integer.parseInt(args[1]);
        int updates = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int watchPort = args.length > 4 ? Integer.parseInt(args[4]) : port;
        Vertx vertx = Vertx.vertx();
        try {
            long posted = System.nanoTime();
            // kept in variables: a Vert.x 5 client nothing references is closed by the garbage collector
            io.vertx.core.http.HttpClient http = vertx.createHttpClient();
            io.vertx.core.http.WebSocketClient webSockets = vertx.createWebSocketClient();
            JsonObject created = http.request(HttpMethod.POST, port, "127.0.0.1", "/api/sessions")
                    .compose(request -> request.putHeader("Content-Type", "application/json").send(new JsonObject()
                            .put("contentSample", "chelsea").put("styleSample", "ihc")
                            .put("params", new JsonObject().put("width", width).put("iterations", 20000)).encode()))
                    .compose(response -> response.body()).map(Buffer::toJsonObject).await();
            long replied = System.nanoTime();
            String id = created.getString("id");
            String token = created.getString("ownerToken");
            BlockingQueue<JsonObject> texts = new ArrayBlockingQueue<>(1 << 16);
            long[] firstFrame = {0, 0};
            int[] lastIteration = {-1};
            WebSocket socket = webSockets.connect(new WebSocketConnectOptions().setPort(watchPort)
                    .setHost("127.0.0.1").setURI("/ws/sessions/" + id + "?token=" + token)).map(ws -> {
                ws.textMessageHandler(text -> {
                    JsonObject message = new JsonObject(text);
                    if ("frame".equals(message.getString("type"))) {
                        lastIteration[0] = message.getInteger("iteration");
                    } else {
                        texts.offer(message);
                    }
                });
                ws.binaryMessageHandler(bytes -> {
                    long now = System.nanoTime();
                    if (firstFrame[0] == 0) {
                        firstFrame[0] = now;
                    }
                    if (firstFrame[1] == 0 && lastIteration[0] >= 1) {
                        firstFrame[1] = now;
                    }
                    ws.writeTextMessage("{\"type\":\"ack\"}");
                });
                return ws;
            }).await();
            Thread.sleep(3000);
            List<Double> trips = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                texts.clear();
                double weight = 1e4 * (1 + i % 2);
                long sent = System.nanoTime();
                socket.writeTextMessage(new JsonObject().put("type", "update")
                        .put("params", new JsonObject().put("styleWeight", weight)).encode());
                while (true) {
                    JsonObject message = texts.poll(10, TimeUnit.SECONDS);
                    if (message == null) {
                        throw new IllegalStateException("no status after an update");
                    }
                    if ("status".equals(message.getString("type")) && String.valueOf(message.getString("message")).startsWith("updated")) {
                        trips.add((System.nanoTime() - sent) / 1e6);
                        break;
                    }
                }
                Thread.sleep(100);
            }
            texts.clear();
            long start = System.nanoTime();
            int first = -1;
            int last = -1;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                JsonObject message = texts.poll(1, TimeUnit.SECONDS);
                if (message != null && "progress".equals(message.getString("type"))) {
                    last = message.getInteger("iteration");
                    first = first < 0 ? last : first;
                }
            }
            double itPerSec = (last - first) / ((System.nanoTime() - start) / 1e9);
            http.request(HttpMethod.DELETE, port, "127.0.0.1", "/api/sessions/" + id)
                    .compose(request -> request.putHeader("Authorization", "Bearer " + token).send()).await();
            Collections.sort(trips);
            System.out.println(new JsonObject().put("createdMs", Math.round((replied - posted) / 1e6))
                    .put("firstFrameMs", Math.round((firstFrame[0] - posted) / 1e6))
                    .put("firstOptimisedFrameMs", Math.round((firstFrame[1] - posted) / 1e6))
                    .put("updateRoundTripMedianMs", trips.get(trips.size() / 2))
                    .put("updateRoundTripP90Ms", trips.get(trips.size() * 9 / 10))
                    .put("iterationsPerSecond", Math.round(itPerSec * 100) / 100.0).encode());
        } finally {
            vertx.close().await();
        }
    }
}
