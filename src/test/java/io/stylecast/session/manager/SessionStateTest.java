package io.stylecast.session.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.StyleParams;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionSpec;
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

    @Test
    void aSessionsTransitionsChangeItsStateWithItsSlotAttemptAndSpec() {
        Session session = new Session("s", "hash", spec(), 1, new MovableClock());
        Placement.Slot first = new Placement.Slot("node-a", 0);
        assertEquals(1, session.place(first));
        assertEquals(SessionState.RUNNING, session.state());
        assertEquals(first, session.slot());
        assertEquals(1, session.spec.attempt(), "its spec names its attempt");
        assertTrue(session.starting() && session.placed());
        session.started();
        assertFalse(session.starting());
        session.reported(SessionState.PAUSED, 40, null);
        assertEquals(40, session.iteration());

        // its node is lost while it is paused: it leaves the slot, moves, and is paused again where it lands
        assertEquals(first, session.leave());
        assertNull(session.slot());
        session.moveOff("its node left");
        assertEquals(SessionState.MOVED, session.state());
        assertFalse(session.placed());
        assertEquals(1, session.countMove());
        session.requeue(spec());
        assertEquals(SessionState.QUEUED, session.state());
        Placement.Slot second = new Placement.Slot("node-b", 1);
        assertEquals(2, session.place(second));
        assertEquals(2, session.spec.attempt());
        // its worker did not take it: moved again, still to be paused where it lands
        session.leave();
        session.moveOff("its worker did not take it");
        session.requeue(spec());
        session.place(second);
        session.started();
        assertTrue(session.takePauseAgain(), "paused again where it landed");
        assertFalse(session.takePauseAgain(), "once");

        session.finish(SessionState.DONE, 100, null);
        assertEquals(100, session.iteration());
        assertEquals(3, session.attempt());
        // a refused move changes nothing that goes with it
        assertThrows(IllegalStateException.class, () -> session.place(first));
        assertEquals(3, session.attempt());
        assertEquals(second, session.slot());
        assertThrows(IllegalStateException.class, () -> session.reported(SessionState.RUNNING, 500, null));
        assertEquals(100, session.iteration());
    }

    @Test
    void aRunFoundAfterARestartIsTakenBackInItsStateAndAResumedOneCountsItsAttemptsOn() {
        ResumeFiles.Saved saved = new ResumeFiles.Saved("s", "hash", 240, 1000, false, null, 3, 1, 0);
        Session found = new Session(saved, new MovableClock());
        assertEquals(SessionState.RESUMABLE, found.state());
        found.takeBack(new Placement.Slot("node-a", 0), SessionState.PAUSED, 260);
        assertEquals(SessionState.PAUSED, found.state());
        assertEquals(260, found.iteration());
        assertTrue(found.placed());
        assertEquals(3, found.attempt(), "the attempt its worker runs");

        Session resumable = new Session(saved, new MovableClock());
        Session resumed = resumable.resumed(spec(), 1);
        assertEquals(SessionState.QUEUED, resumed.state());
        assertEquals(4, resumed.place(new Placement.Slot("node-a", 0)), "the next attempt after the saved one's");
    }

    private static SessionSpec spec() {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        return new SessionSpec(StyleParams.defaults(), picture, List.of(picture), null, null, "client");
    }
}
