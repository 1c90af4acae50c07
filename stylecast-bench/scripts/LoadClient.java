import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Load for stylecast-bench/scripts/hardening.sh, run as a single-file program on the project's class path:
 * {@code viewers PORT SESSION N SECONDS} opens N WebSocket viewers of a session that never ack a
 * frame and holds them; {@code picture FILE W H NOISE} writes a W x H PNG or JPEG (by the name's extension) with noise
 * of that amplitude, to make the file as large as the upload limit allows.
 */
public class LoadClient {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("picture")) {
            int w = Integer.parseInt(args[2]);
            int h = Integer.parseInt(args[3]);
            int noise = Integer.parseInt(args[4]);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int n = noise > 0 ? rng.nextInt(noise) : 0;
                    image.setRGB(x, y, Math.min(255, x * 255 / w + n) << 16 | Math.min(255, y * 255 / h + n) << 8 | n);
                }
            }
            ImageIO.write(image, args[1].endsWith(".jpg") ? "jpeg" : "png", new File(args[1]));
            return;
        }
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 << 20)
                .setMaxConnections(n + 10));
        List<io.vertx.core.Future<?>> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opened.add(client.connect(port, "127.0.0.1", "/ws/sessions/" + args[2]));
        }
        int ok = 0;
        for (var f : opened) {
            try {
                f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                ok++;
            } catch (Exception e) {
                // counted as refused
            }
        }
        System.out.println("open " + ok + " of " + n);
        Thread.sleep(Long.parseLong(args[4]) * 1000);
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
