package dev.gkeinference.constructs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProjectServicesTest {

    @Test
    void enablesEveryApiAndKeepsThemOnDestroy() {
        TerraformStack stack = SynthJson.newStack();
        new ProjectServices(stack, "services", "acme-prod", ProjectServices.INFERENCE_APIS);
        List<JsonNode> services = SynthJson.resources(SynthJson.synth(stack), "google_project_service");

        Set<String> enabled = new TreeSet<>();
        services.forEach(s -> {
            enabled.add(s.path("service").asText());
            assertEquals("acme-prod", s.path("project").asText());
            assertFalse(s.path("disable_on_destroy").asBoolean(true));
        });
        assertEquals(new TreeSet<>(ProjectServices.INFERENCE_APIS), enabled);
        for (String api : List.of("container.googleapis.com", "gkehub.googleapis.com",
                "multiclusterservicediscovery.googleapis.com", "multiclusteringress.googleapis.com",
                "trafficdirector.googleapis.com", "networkservices.googleapis.com", "autoscaling.googleapis.com")) {
            assertEquals(true, enabled.contains(api), api);
        }
    }

    @Test
    void failsOnSomethingThatIsNotAServiceName() {
        TerraformStack stack = SynthJson.newStack();
        assertThrows(IllegalArgumentException.class,
                () -> new ProjectServices(stack, "services", "p", List.of("container")));
    }
}
