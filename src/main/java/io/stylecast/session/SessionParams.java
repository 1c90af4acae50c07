package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.stylecast.engine.ParamsValidator;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleParamsJson;
import io.stylecast.engine.loss.LossWeights;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A session's {@code params} object: {@link StyleParams}' one JSON form ({@link StyleParamsJson}) over its preset,
 * plus {@code model}, which the caller reads.
 */
public final class SessionParams {

    /** Fields of a session's params that are not {@link StyleParams}. */
    private static final List<String> OWN_FIELDS = List.of("model", "preset");

    private SessionParams() {
    }

    /** @throws InputException naming the field that is unknown, of the wrong type or out of range */
    public static StyleParams parse(JsonObject json) {
        JsonObject p = json == null ? new JsonObject() : Presets.apply(json);
        return StyleParamsJson.read(p.encode(), OWN_FIELDS);
    }

    /**
     * The loss weights and learning rate of an {@code update} applied to the current ones, each checked against
     * the constraints {@link StyleParams} declares for it.
     *
     * @throws InputException for a value out of range
     */
    public static Update update(io.stylecast.session.protocol.Control.Update control, LossWeights weights, double learningRate) {
        double lr = control.learningRate() != null ? control.learningRate() : learningRate;
        ParamsValidator.checkValue("learningRate", lr);
        ParamsValidator.checkValue("contentWeight", control.contentWeight());
        ParamsValidator.checkValue("styleWeight", control.styleWeight());
        if (control.tvWeight() != null) {
            ParamsValidator.checkValue("tvWeight", control.tvWeight());
        }
        return new Update(new LossWeights(
                control.contentWeight() != null ? control.contentWeight() : weights.content(),
                control.styleWeight() != null ? control.styleWeight() : weights.style(),
                control.tvWeight() != null ? control.tvWeight() : weights.totalVariation()), lr);
    }

    /** The parameters as this class reads them: {@code parse(toJson(p))} equals {@code p}. */
    public static JsonObject toJson(StyleParams p) {
        return new JsonObject(StyleParamsJson.write(p));
    }

    /** New loss weights and learning rate. */
    public record Update(LossWeights weights, double learningRate) {
    }
}
