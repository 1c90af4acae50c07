package io.stylecast.session.worker;

import io.stylecast.engine.InputException;
import io.stylecast.session.SessionParams;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.SessionState;
import java.util.Deque;

/** The owner's controls applied to a session on its worker: pause, resume, cancel, update. */
final class SessionControl {

    private SessionControl() {
    }

    /**
     * @param turns the worker's round robin of runnable sessions
     * @throws IllegalStateException for a control its state does not allow ({@link SessionState#allows}: pausing a paused session)
     * @throws InputException for an update with values out of range
     */
    static void apply(Control control, SessionRun run, Deque<String> turns) {
        if (!run.state().allows(control)) {
            throw new IllegalStateException("cannot " + control.verb() + " a session that is " + run.state().id());
        }
        if (control instanceof Control.Pause) {
            run.moveTo(SessionState.PAUSED, null);
            turns.remove(run.id());
            run.sendCheckpoint();
        } else if (control instanceof Control.Resume) {
            run.moveTo(SessionState.RUNNING, null);
            turns.add(run.id());
        } else if (control instanceof Control.Cancel) {
            run.moveTo(SessionState.CANCELLED, null);
            turns.remove(run.id());
        } else if (control instanceof Control.Update update) {
            update(update, run);
        }
    }

    private static void update(Control.Update control, SessionRun run) {
        var transfer = run.transfer();
        SessionParams.Update update = SessionParams.update(control, transfer.loss().weights(), transfer.optimizer().learningRate());
        run.rememberSettings();
        transfer.loss().setWeights(update.weights());
        transfer.optimizer().setLearningRate(update.learningRate());
        run.moveTo(run.state(), "updated: contentWeight " + update.weights().content() + ", styleWeight "
                + update.weights().style() + ", tvWeight " + update.weights().totalVariation()
                + ", learningRate " + update.learningRate());
    }
}
