package dev.gkeinference.stacks.serving;

import com.hashicorp.cdktf.App;
import dev.gkeinference.constructs.testing.FakeJar;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.constructs.testing.TestApps;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;

/** Deployments synthesized as the app does it, read back from the output directory. */
final class SynthesizedApp {
    static final String PROJECT = "acme-inference-prod";

    private SynthesizedApp() {
    }

    /** The reference deployment; its bundled picker jar is a {@link FakeJar}. */
    static DeploymentConfig referenceConfig() {
        return DeploymentConfigLoader.validated(DeploymentConfigLoader.reference().withProject(PROJECT)
                .withPickerJar(FakeJar.path()), "test");
    }

    static SynthesizedOutput of(DeploymentConfig config) {
        App app = TestApps.app();
        InferenceDeployment.build(app, config);
        return TestApps.synth(app);
    }
}
