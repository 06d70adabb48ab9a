package dev.gkeinference.bench.load;

import dev.gkeinference.bench.simulator.PromptTokens;
import dev.gkeinference.bench.simulator.SimulatedAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic datasets with exact token counts under the 4-bytes-per-token estimate: every pseudo-word is three
 * letters and a space. Text depends only on the seed, so every picker sees byte-identical prompts.
 */
public final class Datasets {
    private static final String CHAT_SYSTEM = "You are a helpful assistant. Answer briefly and precisely.  ";

    /** Seconds between the turns of a conversation: the answer (about 2 s) plus the user's reading and typing. */
    static final double THINK_SECONDS = 4;

    private Datasets() {
    }

    /**
     * inference-perf's shared_prefix shape: {@code groups} system prompts of {@code systemTokens}, each followed by
     * {@code promptsPerGroup} different questions of {@code questionTokens}; fixed output length.
     */
    public static Workload sharedPrefix(String name, int groups, int promptsPerGroup, int systemTokens,
                                        int questionTokens, int outputTokens, long seed) {
        Random random = new Random(seed);
        List<Prompt> prompts = new ArrayList<>(groups * promptsPerGroup);
        for (int g = 0; g < groups; g++) {
            String system = words(random, systemTokens);
            for (int q = 0; q < promptsPerGroup; q++) {
                prompts.add(new Prompt(false, system, words(random, questionTokens), systemTokens + questionTokens,
                        outputTokens, g));
            }
        }
        String description = String.format("%d groups x %d prompts, %d-token shared system prompt + %d-token "
                + "question, %d output tokens", groups, promptsPerGroup, systemTokens, questionTokens, outputTokens);
        return new Workload(name, description, prompts);
    }

    /**
     * Single-turn chat with ShareGPT-like long-tailed lengths (log-normal, clamped) and only a short common system
     * message, i.e. little prefix sharing: routing can win only on load here.
     */
    public static Workload mixedChat(String name, int count, int medianPromptTokens, int medianOutputTokens,
                                     long seed) {
        Random random = new Random(seed);
        int systemTokens = PromptTokens.count(CHAT_SYSTEM);
        List<Prompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int userTokens = logNormal(random, medianPromptTokens, 0.9, 8, 8 * medianPromptTokens);
            int outputTokens = logNormal(random, medianOutputTokens, 0.6, 4, 4 * medianOutputTokens);
            prompts.add(new Prompt(true, CHAT_SYSTEM, words(random, userTokens), systemTokens + userTokens,
                    outputTokens, -1));
        }
        String description = String.format("%d single-turn chats, log-normal lengths: median %d prompt tokens, "
                + "median %d output tokens", count, medianPromptTokens, medianOutputTokens);
        return new Workload(name, description, prompts);
    }

    /**
     * Multi-turn chat about a document: each conversation opens with a user message holding a document of about
     * {@code medianDocumentTokens} and continues for {@code turns} turns; every later prompt is the previous one
     * plus the simulator's answer to it (byte for byte) plus a new short question, so turn n+1 extends the prefix
     * that turn n left in one server's cache. The prompts come conversation after conversation, in turn order.
     */
    public static Workload multiTurnChat(String name, int conversations, int turns, int medianDocumentTokens,
                                         int questionTokens, int outputTokens, long seed) {
        Random random = new Random(seed);
        int systemTokens = PromptTokens.count(CHAT_SYSTEM);
        List<Prompt> prompts = new ArrayList<>(conversations * turns);
        for (int c = 0; c < conversations; c++) {
            int documentTokens = logNormal(random, medianDocumentTokens, 0.3, medianDocumentTokens / 2,
                    medianDocumentTokens * 2);
            List<String> history = new ArrayList<>();
            String user = words(random, documentTokens + questionTokens);
            int tokens = systemTokens + documentTokens + questionTokens;
            for (int t = 0; t < turns; t++) {
                prompts.add(new Prompt(true, CHAT_SYSTEM, history, user, tokens, outputTokens, c));
                history.add(user);
                history.add(SimulatedAnswer.text(outputTokens));
                user = words(random, questionTokens);
                tokens += outputTokens + questionTokens;
            }
        }
        String description = String.format("%d conversations x %d turns about a document (median %d tokens), "
                + "%d-token follow-up questions, %d output tokens; each turn resends the conversation so far",
                conversations, turns, medianDocumentTokens, questionTokens, outputTokens);
        return new Workload(name, description, prompts, new Traffic.Conversations(turns, THINK_SECONDS), 1);
    }

    static int logNormal(Random random, int median, double sigma, int min, int max) {
        double v = median * Math.exp(sigma * random.nextGaussian());
        return (int) Math.max(min, Math.min(max, Math.round(v)));
    }

    /** {@code tokens} pseudo-words of exactly four bytes each. */
    static String words(Random random, int tokens) {
        StringBuilder b = new StringBuilder(tokens * 4);
        for (int i = 0; i < tokens; i++) {
            b.append((char) ('a' + random.nextInt(26)))
                    .append((char) ('a' + random.nextInt(26)))
                    .append((char) ('a' + random.nextInt(26)))
                    .append(' ');
        }
        return b.toString();
    }
}
