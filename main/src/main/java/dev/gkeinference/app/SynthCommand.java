package dev.gkeinference.app;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.ConfigValidator;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.config.InvalidConfigException;
import dev.gkeinference.stacks.config.ServingValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code synth}: deployment config → Terraform JSON per stack in the output directory. */
final class SynthCommand {
    /** Placeholder project of the built-in reference deployment. */
    static final String PLACEHOLDER_PROJECT = "replace-with-your-project";

    private SynthCommand() {
    }

    static int run(SynthOptions options, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        BindingsPreload bindings = BindingsPreload.start();
        DeploymentConfig config = loadConfig(options);
        ConfigValidator.warnings(config).forEach(w -> err.println("warning: " + w));
        if (PLACEHOLDER_PROJECT.equals(config.project())) {
            err.println("warning: project is the placeholder '" + PLACEHOLDER_PROJECT
                    + "': pass --project YOUR_PROJECT before deploying");
        }
        OutputDirectory output = new OutputDirectory(options.outdir());
        Path staging = output.staging();
        try {
            bindings.await();
            App app = new App(AppConfig.builder().outdir(staging.toString()).stackTraces(false).build());
            InferenceDeployment deployment = InferenceDeployment.build(app, config);
            app.synth();
            deployment.policy().unusedWaivers().forEach(w -> err.println("warning: policy.waivers: " + w.check()
                    + " for '" + w.resource() + "' waives nothing (no such violation); remove it"));
            output.commit();
        } catch (RuntimeException e) {
            output.abandon();
            throw e;
        }
        SynthesisSummary.of(output.target()).print(out, System.nanoTime() - start);
        return 0;
    }

    private static DeploymentConfig loadConfig(SynthOptions options) {
        String source = options.config().map(Path::toString).orElse(DeploymentConfigLoader.REFERENCE_SOURCE);
        DeploymentConfig config = options.config().map(DeploymentConfigLoader::load)
                .orElseGet(DeploymentConfigLoader::reference);
        if (options.project().isPresent()) {
            config = config.withProject(options.project().get());
        }
        if (options.pickerJar().isPresent()) {
            config = config.withPickerJar(options.pickerJar().get());
        }
        DeploymentConfig valid = DeploymentConfigLoader.validated(config, source);
        List<String> missing = ServingValidator.bundledPickerProblems(valid);
        if (!missing.isEmpty()) {
            throw new InvalidConfigException(source, missing);
        }
        return valid;
    }
}
