package dev.gkeinference.bench.load;

/** How a workload's requests arrive and which prompts they carry; see {@link Arrivals#schedule}. */
public sealed interface Traffic {

    /** Poisson arrivals, prompts drawn uniformly. */
    record Uniform() implements Traffic {
    }

    /** Poisson arrivals; {@code share} of them carry a prompt of group {@code group}, the rest any other prompt. */
    record HotGroup(int group, double share) implements Traffic {
    }

    /**
     * Poisson arrivals whose rate is multiplied by {@code factor} for the first {@code burstSeconds} of every
     * {@code periodSeconds}, starting {@code periodSeconds / 2} into the stage; prompts drawn uniformly.
     */
    record Bursts(double factor, double burstSeconds, double periodSeconds) implements Traffic {
    }

    /**
     * Conversations of {@code turns} prompts each (the workload's prompts in order, conversation after
     * conversation) start as Poisson arrivals at {@code qps / turns}; turn k is sent {@code k * gapSeconds} after
     * the first. Conversations also start before the timeline (only their turns inside it are sent), so the
     * offered request rate is {@code qps} from the first second.
     */
    record Conversations(int turns, double gapSeconds) implements Traffic {
    }

    Traffic UNIFORM = new Uniform();
}
