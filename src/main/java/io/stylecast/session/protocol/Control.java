package io.stylecast.session.protocol;

/** What a session's owner can ask of it while it runs: pause, resume, cancel, update. */
public sealed interface Control {

    String sessionId();

    /** The verb, as the owner's page sends it. */
    String verb();

    record Pause(String sessionId) implements Control {
        @Override
        public String verb() {
            return "pause";
        }
    }

    record Resume(String sessionId) implements Control {
        @Override
        public String verb() {
            return "resume";
        }
    }

    record Cancel(String sessionId) implements Control {
        @Override
        public String verb() {
            return "cancel";
        }
    }

    /** New loss weights and learning rate from the next iteration on; null leaves one as it is. */
    record Update(String sessionId, Double contentWeight, Double styleWeight, Double tvWeight, Double learningRate)
            implements Control {
        @Override
        public String verb() {
            return "update";
        }
    }
}
