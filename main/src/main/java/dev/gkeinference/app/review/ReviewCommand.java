package dev.gkeinference.app.review;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code review --base DIR --head DIR [--out FILE] [--allow-destroy]}: compares two synthesized outputs and
 * writes the pull-request comment (Markdown) to FILE or standard output.
 *
 * <p>Exit status, for CI gating: 0 when nothing stateful is destroyed or replaced (or destroys are allowed),
 * 1 when a cluster, node pool or bucket would be destroyed or replaced, 2 on bad arguments or unreadable input.
 */
public final class ReviewCommand {
    public static final int OK = 0;
    public static final int DESTRUCTIVE = 1;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            usage: review --base DIR --head DIR [--out FILE] [--allow-destroy]
              --base DIR        synthesized output of the target branch (a cdktf.out directory)
              --head DIR        synthesized output of the pull request
              --out FILE        write the Markdown there instead of standard output
              --allow-destroy   exit 0 even when clusters, node pools or buckets are destroyed or replaced
            exit status: 0 ok, 1 destructive change not allowed, 2 bad input""";

    private ReviewCommand() {
    }

    private record Options(Path base, Path head, Optional<Path> out, boolean allowDestroy) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = parse(args);
            ReviewReport report = ReviewReport.compare(SynthesizedOutput.load(options.base()),
                    SynthesizedOutput.load(options.head()), ReplacementRules.standard());
            String markdown = MarkdownWriter.render(report, options.allowDestroy());
            if (options.out().isPresent()) {
                write(options.out().get(), markdown);
            } else {
                out.print(markdown);
            }
            return verdict(report, options, err);
        } catch (ReviewInputException e) {
            err.println("review: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static int verdict(ReviewReport report, Options options, PrintStream err) {
        int destructive = report.destructive().size();
        err.println("review: " + MarkdownWriter.summary(report.changes(), "no changes")
                + options.out().map(p -> "; written to " + p).orElse(""));
        if (destructive > 0 && !options.allowDestroy()) {
            err.println("review: " + destructive + " stateful resource(s) destroyed or replaced;"
                    + " rerun with --allow-destroy to accept");
            return DESTRUCTIVE;
        }
        return OK;
    }

    private static Options parse(String[] args) {
        Path base = null;
        Path head = null;
        Path out = null;
        boolean allowDestroy = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = Path.of(value(args, ++i, "--base"));
                case "--head" -> head = Path.of(value(args, ++i, "--head"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--allow-destroy" -> allowDestroy = true;
                default -> throw new ReviewInputException("unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        if (base == null || head == null) {
            throw new ReviewInputException("both --base and --head are required\n" + USAGE);
        }
        return new Options(base, head, Optional.ofNullable(out), allowDestroy);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new ReviewInputException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static void write(Path file, String markdown) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReviewInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
