package dev.gkeinference.app.diagram;

import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.config.InvalidConfigException;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code diagram [--config FILE] [--project ID] [--format all|svg|png|mermaid] [--out DIR]}: renders the
 * deployment's topology. With {@code --out}, writes {@code topology.svg}, {@code topology.png} and
 * {@code topology.mmd} (the requested formats) there; without it, prints SVG or Mermaid text to standard output.
 * Exit status: 0 done, 2 bad arguments or config.
 */
public final class DiagramCommand {
    public static final int OK = 0;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            usage: diagram [--config FILE] [--project ID] [--format all|svg|png|mermaid] [--out DIR]
              --config FILE   deployment YAML (default: the built-in reference deployment)
              --project ID    GCP project id, overriding the one in the config
              --format F      all (default), svg, png or mermaid
              --out DIR       write topology.svg / topology.png / topology.mmd there;
                              without it, svg or mermaid text goes to standard output""";

    enum Format { SVG, PNG, MERMAID }

    private record Options(Path config, String project, Set<Format> formats, Path out) {
    }

    private DiagramCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = parse(args);
            Topology topology = Topology.from(plan(options));
            if (options.out() == null) {
                Format only = options.formats().iterator().next();
                out.print(only == Format.SVG ? SvgWriter.write(TopologyLayout.layout(topology))
                        : MermaidWriter.write(topology));
            } else {
                write(topology, options, err);
            }
            return OK;
        } catch (IllegalArgumentException e) {
            err.println("diagram: " + e.getMessage());
            return BAD_INPUT;
        } catch (InvalidConfigException e) {
            err.println("diagram: invalid deployment config (" + e.source() + "):");
            e.problems().forEach(p -> err.println("  - " + p));
            return BAD_INPUT;
        }
    }

    private static DeploymentPlan plan(Options options) {
        String source = options.config() == null ? DeploymentConfigLoader.REFERENCE_SOURCE
                : options.config().toString();
        return DeploymentResolver.resolve(options.config() == null ? DeploymentConfigLoader.reference()
                : DeploymentConfigLoader.load(options.config()), options.project() == null ? ResolveOptions.NONE
                : ResolveOptions.NONE.withProject(options.project()), source);
    }

    private static void write(Topology topology, Options options, PrintStream err) {
        Path dir = options.out();
        try {
            Files.createDirectories(dir);
            if (options.formats().contains(Format.SVG)) {
                Files.writeString(dir.resolve("topology.svg"), SvgWriter.write(TopologyLayout.layout(topology)),
                        StandardCharsets.UTF_8);
            }
            if (options.formats().contains(Format.PNG)) {
                Files.write(dir.resolve("topology.png"), PngWriter.write(TopologyLayout.layout(topology)));
            }
            if (options.formats().contains(Format.MERMAID)) {
                Files.writeString(dir.resolve("topology.mmd"), MermaidWriter.write(topology), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        err.println("diagram: " + topology.regions().size() + " regions, " + topology.totalChips()
                + " TPU chips; wrote " + options.formats().stream().map(f -> f.name().toLowerCase())
                .sorted().toList() + " to " + dir);
    }

    private static Options parse(String[] args) {
        Path config = null;
        String project = null;
        Set<Format> formats = EnumSet.allOf(Format.class);
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--project" -> project = value(args, ++i, "--project");
                case "--format" -> formats = formats(value(args, ++i, "--format"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        if (out == null && (formats.size() != 1 || formats.contains(Format.PNG))) {
            throw new IllegalArgumentException("writing " + (formats.size() == 1 ? "png" : "all formats")
                    + " needs --out DIR; only --format svg or --format mermaid can go to standard output\n" + USAGE);
        }
        return new Options(config, project, formats, out);
    }

    private static Set<Format> formats(String value) {
        return switch (value) {
            case "all" -> EnumSet.allOf(Format.class);
            case "svg" -> EnumSet.of(Format.SVG);
            case "png" -> EnumSet.of(Format.PNG);
            case "mermaid" -> EnumSet.of(Format.MERMAID);
            default -> throw new IllegalArgumentException("--format: '" + value
                    + "' is not a format: allowed are all, svg, png, mermaid");
        };
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
