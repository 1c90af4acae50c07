package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** An owner is told what failed, never where on the server. */
class EngineFailureTest {

    @Test
    void messagesKeepTheirWordsAndLoseTheirPaths() {
        assertEquals("the engine failed: cannot write to 7867ab",
                EngineFailure.describe(new UncheckedIOException("cannot write to /tmp/junit-1/output/7867ab", new java.io.IOException("Too many open files"))));
        assertEquals("the engine failed: cannot open tiny-vgg.mat: no space left (2 of 3)",
                EngineFailure.describe(new IllegalStateException("cannot open /srv/models/tiny-vgg.mat: no space left (2 of 3)")));
        assertEquals("the engine ran out of memory: Cannot allocate 123456789 bytes",
                EngineFailure.describe(new OutOfMemoryError("Cannot allocate 123456789 bytes")));
        assertEquals("the engine failed", EngineFailure.describe(new NullPointerException()));
        assertEquals("a ratio of 1/2 and and/or stay", EngineFailure.withoutPaths("a ratio of 1/2 and and/or stay"));
        assertEquals("'work' and \"x.png\"", EngineFailure.withoutPaths("'/home/u/work/' and \"/a/b/x.png\""));
    }
}
