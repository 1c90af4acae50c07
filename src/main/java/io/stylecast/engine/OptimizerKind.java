package io.stylecast.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The optimisers on offer, with their default learning rates. */
public enum OptimizerKind {
    ADAM(2.0), LBFGS(1.0);

    private final double defaultLearningRate;

    OptimizerKind(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** The CLI and API spelling: {@code adam} or {@code lbfgs}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptimizerKind parse(String id) {
        for (OptimizerKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new InputException("optimizer must be adam or lbfgs, got " + InputException.describe(id));
    }
}
