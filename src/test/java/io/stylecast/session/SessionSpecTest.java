package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.engine.StyleParams;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSpecTest {

    private static SessionSpec spec(double styleScale) {
        StyleParams params = SessionParams.parse(new JsonObject().put("width", 100).put("styleScale", styleScale));
        return new SessionSpec(params, new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB),
                List.of(new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB)), null, "jpeg", "client");
    }

    /** A style picture at a large style scale can be the session's largest pass, and admission counts it. */
    @Test
    void theEstimateCountsAStylePictureAtItsScale() {
        assertEquals(100 * 50, spec(1).estimatePixels());
        assertEquals(300 * 150 / 2, spec(3).estimatePixels());
    }
}
