package io.stylecast.cli;

import io.stylecast.engine.Iteration;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on stderr: a bar with it/s, ETA and losses on a terminal; on anything else
 * (a pipe, a CI log) one plain line every {@code every} iterations and at the end.
 */
abstract class Progress implements AutoCloseable {

    abstract void update(Iteration iteration);

    @Override
    public abstract void close();

    static Progress create(PrintStream err, int every) {
        return System.console() != null ? new Bar(err) : new Lines(err, every);
    }

    static String losses(Iteration it) {
        return String.format(Locale.ROOT, "content %.4g style %.4g total %.4g",
                it.losses().content(), it.losses().style(), it.losses().total());
    }

    private static final class Bar extends Progress {
        private final PrintStream err;
        private ProgressBar bar;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        void update(Iteration it) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("render").setInitialMax(it.iterations())
                        .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" it", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(err)).build();
            }
            bar.stepTo(it.iteration());
            bar.setExtraMessage(losses(it));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static final class Lines extends Progress {
        private final PrintStream err;
        private final int every;

        Lines(PrintStream err, int every) {
            this.err = err;
            this.every = every;
        }

        @Override
        void update(Iteration it) {
            if (it.iteration() % every == 0 || it.last()) {
                double seconds = it.elapsedMillis() / 1000.0;
                double rate = seconds > 0 ? it.iteration() / seconds : 0;
                err.printf(Locale.ROOT, "iteration %d/%d  %.2f it/s  %s%n", it.iteration(), it.iterations(), rate,
                        losses(it));
            }
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
