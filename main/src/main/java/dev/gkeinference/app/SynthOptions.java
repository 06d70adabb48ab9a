package dev.gkeinference.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@code synth}, from the command line and the environment the cdktf CLI sets.
 *
 * @param config   the deployment YAML: {@code --config}, else the cdktf context key {@code config}
 *                 ({@code CDKTF_CONTEXT_JSON}), else none (the built-in reference deployment)
 * @param project  {@code --project}, or the context key {@code project}: overrides the config's project id
 * @param outdir   {@code --out}, else {@code CDKTF_OUTDIR}, else {@code cdktf.out}
 * @param pickerJar {@code --picker-jar}: overrides the config's {@code serving.endpointPicker.jar}
 * @param verbose  {@code --verbose}: stack traces on errors
 */
public record SynthOptions(Optional<Path> config, Optional<String> project, Path outdir, Optional<String> pickerJar,
        boolean verbose) {

    static final String USAGE = String.join("\n",
            "usage: synth [--config FILE] [--project ID] [--out DIR] [--picker-jar FILE] [--verbose]",
            "  --config FILE   deployment YAML (default: cdktf context key 'config', else the built-in reference)",
            "  --project ID    GCP project id, overriding the one in the config",
            "  --out DIR       output directory (default: $CDKTF_OUTDIR, else cdktf.out)",
            "  --picker-jar FILE  routing-plugin jar of the bundled endpoint picker, overriding the config's",
            "                  serving.endpointPicker.jar (default: routing-plugin/target/routing-plugin.jar)",
            "  --verbose       print stack traces on errors");

    static SynthOptions parse(String[] args, Map<String, String> env) {
        CdktfContext context = CdktfContext.fromEnvironment(env);
        Optional<Path> config = context.get("config").map(Path::of);
        Optional<String> project = context.get("project");
        Path outdir = Path.of(env.getOrDefault("CDKTF_OUTDIR", "cdktf.out"));
        Optional<String> pickerJar = Optional.empty();
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Optional.of(Path.of(value(args, ++i, "--config")));
                case "--project" -> project = Optional.of(value(args, ++i, "--project"));
                case "--out" -> outdir = Path.of(value(args, ++i, "--out"));
                case "--picker-jar" -> pickerJar = Optional.of(value(args, ++i, "--picker-jar"));
                case "--verbose" -> verbose = true;
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        return new SynthOptions(config, project, outdir, pickerJar, verbose);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }
}
