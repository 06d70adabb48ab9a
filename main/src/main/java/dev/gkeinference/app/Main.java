package dev.gkeinference.app;

import dev.gkeinference.app.diagram.DiagramCommand;
import dev.gkeinference.app.review.ReviewCommand;
import dev.gkeinference.stacks.config.InvalidConfigException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The cdktf app. {@code synth} (the default, what {@code cdktf synth} runs) turns a deployment config into
 * Terraform JSON. Exit codes: 0 done, 1 failed, 2 bad command line or bad config.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: <command> [options]",
            "commands:",
            "  synth (default)   synthesize the deployment into Terraform JSON",
            "  review            compare two synthesized outputs; Markdown for a pull-request comment",
            "  diagram           draw the deployment's topology (SVG, PNG, Mermaid)",
            "",
            SynthOptions.USAGE);

    private static final String ANNOTATION_ERRORS = "Encountered Annotations with level \"ERROR\"";

    private Main() {
    }

    public static void main(String[] args) {
        if (isSynth(args)) {
            BindingsPreload.start();
        }
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** {@code synth} is the default command: no arguments, or options first. */
    private static boolean isSynth(String[] args) {
        return args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help") || args[0].equals("synth");
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            String command = isSynth(args) ? "synth" : args[0];
            String[] rest = args.length == 0 || !args[0].equals(command) ? args
                    : Arrays.copyOfRange(args, 1, args.length);
            return switch (command) {
                case "synth" -> SynthCommand.run(SynthOptions.parse(rest, env), out, err);
                case "review" -> ReviewCommand.run(rest, out, err);
                case "diagram" -> DiagramCommand.run(rest, out, err);
                case "help", "--help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InvalidConfigException e) {
            err.println("error: invalid deployment config (" + e.source() + "):");
            e.problems().forEach(p -> err.println("  - " + p));
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return 1;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        // cdktf lists every error annotation (policy violations, construct validations) on a line of its own
        int annotations = message.indexOf(ANNOTATION_ERRORS);
        if (annotations >= 0) {
            int end = message.indexOf("\n\nEither fix", annotations);
            return message.substring(annotations, end < 0 ? message.length() : end);
        }
        return message.lines().findFirst().orElse(message);
    }
}
