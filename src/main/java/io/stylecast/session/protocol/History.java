package io.stylecast.session.protocol;

import java.util.List;

/** A session's progress so far, thinned to a plot's worth of points, for a viewer who comes late. */
public record History(List<SessionEvent.Progress> points) {

    public History {
        points = List.copyOf(points);
    }
}
