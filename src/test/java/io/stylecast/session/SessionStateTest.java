package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylecast.engine.StyleParams;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.SessionState;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state machine: every legal move, and every other one refused. */
class SessionStateTest {

    static final Map<SessionState, Set<SessionState>> LEGAL = Map.of(
            SessionState.QUEUED, EnumSet.of(SessionState.QUEUED, SessionState.RUNNING, SessionState.CANCELLED, SessionState.FAILED),
            SessionState.RUNNING, EnumSet.of(SessionState.RUNNING, SessionState.PAUSED, SessionState.DONE, SessionState.FAILED,
                    SessionState.CANCELLED, SessionState.MOVED),
            SessionState.PAUSED, EnumSet.of(SessionState.PAUSED, SessionState.RUNNING, SessionState.FAILED,
                    SessionState.CANCELLED, SessionState.MOVED),
            SessionState.MOVED, EnumSet.of(SessionState.MOVED, SessionState.QUEUED, SessionState.CANCELLED, SessionState.FAILED),
            SessionState.RESUMABLE, EnumSet.of(SessionState.RESUMABLE, SessionState.QUEUED, SessionState.RUNNING,
                    SessionState.PAUSED, SessionState.DONE, SessionState.CANCELLED, SessionState.FAILED),
            SessionState.DONE, EnumSet.noneOf(SessionState.class),
            SessionState.FAILED, EnumSet.noneOf(SessionState.class),
            SessionState.CANCELLED, EnumSet.noneOf(SessionState.class));

    @Test
    void everyMoveIsLegalExactlyWhenTheTableSaysSo() {
        for (SessionState from : SessionState.values()) {
            for (SessionState to : SessionState.values()) {
                assertEquals(LEGAL.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    /** Which owner's controls apply in which state, written out by hand. */
    static final Map<String, Set<SessionState>> CONTROLS = Map.of(
            "pause", EnumSet.of(SessionState.RUNNING),
            "resume", EnumSet.of(SessionState.PAUSED),
            "update", EnumSet.of(SessionState.RUNNING, SessionState.PAUSED),
            "cancel", EnumSet.of(SessionState.QUEUED, SessionState.RUNNING, SessionState.PAUSED, SessionState.MOVED,
                    SessionState.RESUMABLE));

    @Test
    void everyControlAppliesExactlyWhereTheTableSaysSo() {
        List<Control> controls = List.of(new Control.Pause("s"), new Control.Resume("s"),
                new Control.Update("s", 1.0, null, null, null), new Control.Cancel("s"));
        for (Control control : controls) {
            for (SessionState state : SessionState.values()) {
                assertEquals(CONTROLS.get(control.verb()).contains(state), state.allows(control), control.verb() + " while " + state);
            }
        }
    }

    @Test
    void aSessionRefusesIllegalMovesAndKeepsItsState() {
        MovableClock clock = new MovableClock();
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Session session = new Session("s", "hash", new SessionSpec(StyleParams.defaults(), picture, List.of(picture), null,
                null, "client"), 1, clock);
        session.moveTo(SessionState.RUNNING, null);
        session.moveTo(SessionState.PAUSED, null);
        session.moveTo(SessionState.CANCELLED, "by its owner");
        assertEquals("session s is cancelled and cannot become running",
                assertThrows(IllegalStateException.class, () -> session.moveTo(SessionState.RUNNING, null)).getMessage());
        assertEquals(SessionState.CANCELLED, session.state());
        assertEquals("by its owner", session.status(0).message());
        assertEquals(clock.millis(), session.finishedAt, "finished when its clock says");
        Session queued = new Session("q", "hash", new SessionSpec(StyleParams.defaults(), picture, List.of(picture), null,
                null, "client"), 1, clock);
        assertThrows(IllegalStateException.class, () -> queued.moveTo(SessionState.PAUSED, null));
        assertThrows(IllegalStateException.class, () -> queued.moveTo(SessionState.DONE, null));
    }
}
