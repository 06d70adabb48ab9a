package dev.gkeinference.stacks.serving;

import com.hashicorp.cdktf.App;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.constructs.testing.TestApps;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.plan.DeploymentPlan;

/** Deployments synthesized as the app does it, read back from the output directory. */
final class SynthesizedApp {
    private SynthesizedApp() {
    }

    static SynthesizedOutput of(DeploymentPlan plan) {
        App app = TestApps.app();
        InferenceDeployment.build(app, plan);
        return TestApps.synth(app);
    }
}
