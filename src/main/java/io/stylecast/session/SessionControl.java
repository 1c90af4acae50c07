package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.vertx.core.json.JsonObject;
import java.util.Deque;

/** The owner's controls applied to a session on its worker: pause, resume, cancel, update. */
final class SessionControl {

    private SessionControl() {
    }

    /**
     * @param turns the worker's round robin of runnable sessions
     * @throws InputException for an unknown type, a control that does not fit the state, or a bad update
     */
    static void apply(JsonObject control, SessionRun run, Deque<String> turns) {
        String type = String.valueOf(control.getValue("type"));
        switch (type) {
            case "pause" -> {
                require(run, SessionState.RUNNING, type);
                turns.remove(run.id());
                run.moveTo(SessionState.PAUSED, null);
            }
            case "resume" -> {
                require(run, SessionState.PAUSED, type);
                turns.add(run.id());
                run.moveTo(SessionState.RUNNING, null);
            }
            case "cancel" -> {
                turns.remove(run.id());
                run.moveTo(SessionState.CANCELLED, null);
            }
            case "update" -> {
                var transfer = run.transfer();
                SessionParams.Update update = SessionParams.update(control.getJsonObject("params"),
                        transfer.loss().weights(), transfer.optimizer().learningRate());
                run.rememberSettings();
                transfer.loss().setWeights(update.weights());
                transfer.optimizer().setLearningRate(update.learningRate());
                run.moveTo(run.state(), "updated: contentWeight " + update.weights().content() + ", styleWeight "
                        + update.weights().style() + ", tvWeight " + update.weights().totalVariation()
                        + ", learningRate " + update.learningRate());
            }
            default -> throw new InputException("unknown control " + InputException.describe(type) + "; use pause, resume, cancel or update");
        }
    }

    private static void require(SessionRun run, SessionState state, String type) {
        if (run.state() != state) {
            throw new InputException("cannot " + type + " a session that is " + run.state().id());
        }
    }
}
