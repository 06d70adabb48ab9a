package dev.gkeinference.bench.simulator;

/**
 * The text a simulated server generates: token i (from 1) is a short pseudo-word, the same on every server, so a
 * client can put an answer back into the next turn of a conversation byte for byte.
 */
public final class SimulatedAnswer {
    private SimulatedAnswer() {
    }

    public static String token(int index) {
        return " w" + (index % 97);
    }

    /** The whole answer of {@code tokens} tokens. */
    public static String text(int tokens) {
        StringBuilder b = new StringBuilder(tokens * 4);
        for (int i = 1; i <= tokens; i++) {
            b.append(token(i));
        }
        return b.toString();
    }
}
