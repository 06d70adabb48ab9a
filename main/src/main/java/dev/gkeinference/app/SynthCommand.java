package dev.gkeinference.app;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code synth}: deployment config → Terraform JSON per stack in the output directory. */
final class SynthCommand {
    /** Placeholder project of the built-in reference deployment. */
    static final String PLACEHOLDER_PROJECT = "replace-with-your-project";

    private SynthCommand() {
    }

    static int run(SynthOptions options, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        DeploymentPlan plan = plan(options);
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (PLACEHOLDER_PROJECT.equals(plan.project())) {
            err.println("warning: project is the placeholder '" + PLACEHOLDER_PROJECT
                    + "': pass --project YOUR_PROJECT before deploying");
        }
        OutputDirectory output = new OutputDirectory(options.outdir());
        Path staging = output.staging();
        try {
            BindingsPreload.awaitIfStarted();
            App app = new App(AppConfig.builder().outdir(staging.toString()).stackTraces(false).build());
            InferenceDeployment deployment = InferenceDeployment.build(app, plan);
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

    /** The config with the command line's overrides, resolved; the bundled picker's jar must exist. */
    static DeploymentPlan plan(SynthOptions options) {
        ResolveOptions resolve = ResolveOptions.NONE.requiringPickerJar();
        if (options.project().isPresent()) {
            resolve = resolve.withProject(options.project().get());
        }
        if (options.pickerJar().isPresent()) {
            resolve = resolve.withPickerJar(options.pickerJar().get());
        }
        String source = options.config().map(Path::toString).orElse(DeploymentConfigLoader.REFERENCE_SOURCE);
        return DeploymentResolver.resolve(options.config().map(DeploymentConfigLoader::load)
                .orElseGet(DeploymentConfigLoader::reference), resolve, source);
    }
}
