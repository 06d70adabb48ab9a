package dev.gkeinference.app.review;

import static dev.gkeinference.app.review.SynthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end: Markdown text, exit status for gating, and errors on bad input. */
class ReviewCommandTest {
    private static final String WAIVER = json("[{'level':'@cdktf/info','constructPath':'cluster-us-east5/cluster',"
            + "'message':'policy waiver: gke-release-channel (checkov CKV_GCP_70) waived for"
            + " google_container_cluster.cluster: pinned during TPU qualification'}]");

    @TempDir
    Path tmp;
    private Path base;
    private Path head;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void twoRegions() {
        base = tmp.resolve("base");
        head = tmp.resolve("head");
        new SynthFixture(base)
                .stack("global", json("{'google_storage_bucket':{'weights':{'name':'w','location':'EU'}},"
                        + "'google_compute_firewall':{'hc':{'name':'hc','network':'vpc','source_ranges':['35.191.0.0/16']}}}"))
                .stack("cluster-europe-west4", json("{'google_container_node_pool':{'tpu':{'name':'tpu',"
                        + "'location':'europe-west4','placement_policy':{'type':'COMPACT','tpu_topology':'2x2'}}}}"))
                .stack("cluster-us-east5", json("{'google_container_cluster':{'cluster':{'name':'c','location':'us-east5'}}}"));
        new SynthFixture(head)
                .stack("global", json("{'google_compute_firewall':{'hc':{'name':'hc','network':'vpc',"
                        + "'source_ranges':['35.191.0.0/16','130.211.0.0/22']}}}"))
                .stack("cluster-europe-west4", json("{'google_container_node_pool':{'tpu':{'name':'tpu',"
                        + "'location':'europe-west4','placement_policy':{'type':'COMPACT','tpu_topology':'2x4'}}}}"))
                .stack("cluster-us-east5", json("{'google_container_cluster':{'cluster':{'name':'c','location':'us-east5'}},"
                        + "'google_service_account':{'nodes':{'account_id':'tpu-nodes'}}}"), WAIVER, "[]");
    }

    @Test
    void writesTheCommentAndFailsOnDestructiveChanges() {
        int status = run("--base", base.toString(), "--head", head.toString());

        assertEquals(ReviewCommand.DESTRUCTIVE, status);
        assertEquals("""
                <!-- gke-inference:review -->
                ## Infrastructure review: 1 destroy, 1 replace, 1 change, 1 add

                > [!CAUTION]
                > **2 stateful resources are destroyed or replaced** (TPU capacity or data is lost until recreated):
                > - **replace** `google_container_node_pool.tpu` (tpu) in `cluster-europe-west4`
                > - **destroy** `google_storage_bucket.weights` (w) in `global`
                > \n\
                > The review check fails until destroys are allowed (`review --allow-destroy`).

                **By region**

                - `europe-west4`: 1 replace
                - `global`: 1 destroy, 1 change
                - `us-east5`: 1 add

                ### `cluster-europe-west4`: 1 replace

                - **replace** `google_container_node_pool.tpu` (tpu)
                  - `placement_policy.tpu_topology`: `"2x2"` → `"2x4"` **forces replacement**

                ### `cluster-us-east5`: 1 add

                - **add** `google_service_account.nodes` (tpu-nodes)

                ### `global`: 1 destroy, 1 change

                - **destroy** `google_storage_bucket.weights` (w)
                - **change** `google_compute_firewall.hc` (hc)
                  - `source_ranges`: list changes
                    - `[1]`: (absent) → `"130.211.0.0/22"`

                ### Policy waivers

                | rule | checkov | stack | resource | reason |
                |---|---|---|---|---|
                | gke-release-channel **(new)** | CKV_GCP_70 | `cluster-us-east5` | `google_container_cluster.cluster` | pinned during TPU qualification |

                """, out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 stateful resource(s) destroyed or replaced"));
    }

    @Test
    void allowDestroyPassesTheGateAndSaysSo() throws Exception {
        Path comment = tmp.resolve("out/review.md");
        int status = run("--base", base.toString(), "--head", head.toString(), "--allow-destroy", "--out",
                comment.toString());

        assertEquals(ReviewCommand.OK, status);
        String markdown = Files.readString(comment);
        assertTrue(markdown.contains("> Destroys are allowed for this run."), markdown);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sameOutputTwiceIsNoChangeAndExitZero() {
        int status = run("--base", head.toString(), "--head", head.toString());

        assertEquals(ReviewCommand.OK, status);
        String markdown = out.toString(StandardCharsets.UTF_8);
        assertTrue(markdown.startsWith("<!-- gke-inference:review -->\n## Infrastructure review: no changes\n"), markdown);
        assertTrue(markdown.contains("Unchanged stacks: `cluster-europe-west4`, `cluster-us-east5`, `global`"), markdown);
        assertTrue(markdown.contains("| gke-release-channel | CKV_GCP_70 |"), "a waiver already in base is not new");
    }

    @Test
    void aNewStateBackendOrProviderVersionIsShownWithTheMigrationToDo() throws Exception {
        Path before = tmp.resolve("before");
        Path after = tmp.resolve("after");
        String sa = json("{'google_service_account':{'nodes':{'account_id':'tpu-nodes'}}}");
        new SynthFixture(before).stack("global", sa, "[]", "[]", json("{'backend':{'local':{'path':'x.tfstate'}},"
                + "'required_providers':{'google':{'source':'google','version':'>= 7.31.0, < 8.0.0'}}}"));
        new SynthFixture(after).stack("global", sa, "[]", "[]", json("{'cloud':{'organization':'acme',"
                + "'workspaces':{'name':'inference-global'}},"
                + "'required_providers':{'google':{'source':'google','version':'>= 7.40.0, < 8.0.0'}}}"));

        assertEquals(ReviewCommand.OK, run("--base", before.toString(), "--head", after.toString()));

        assertEquals("""
                <!-- gke-inference:review -->
                ## Infrastructure review: no resource changes; terraform settings change in 1 stack

                **By region**

                - `global`: no changes

                ### `global`: settings only

                - **settings** `terraform` **state backend changes: migrate the state (`terraform init -migrate-state`) before the next apply**
                  - `backend.local.path`: `"x.tfstate"` → (absent)
                  - `cloud.organization`: (absent) → `"acme"`
                  - `cloud.workspaces.name`: (absent) → `"inference-global"`
                  - `required_providers.google.version`: `">= 7.31.0, < 8.0.0"` → `">= 7.40.0, < 8.0.0"`

                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRetiredWaiverIsListedAsRemoved() {
        assertEquals(ReviewCommand.OK, run("--base", head.toString(), "--head", base.toString(), "--allow-destroy"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("| gke-release-channel (removed) | CKV_GCP_70 |"
                + " `cluster-us-east5` | `google_container_cluster.cluster` | pinned during TPU qualification |"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingDirectoryIsBadInputWithAClearMessage() {
        int status = run("--base", tmp.resolve("nope").toString(), "--head", head.toString());

        assertEquals(ReviewCommand.BAD_INPUT, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("is not a synthesized output"), message);
        assertTrue(message.contains("manifest.json does not exist"), message);
    }

    @Test
    void badArgumentsAreRejectedWithUsage() {
        assertEquals(ReviewCommand.BAD_INPUT, run("--base", base.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("both --base and --head are required"));
        assertEquals(ReviewCommand.BAD_INPUT, run("--base", base.toString(), "--head", head.toString(), "--fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--fast'"));
        assertEquals(ReviewCommand.BAD_INPUT, run("--base"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--base needs a value"));
    }

    @Test
    void aStackListedInTheManifestMustExist() throws Exception {
        Files.delete(head.resolve("stacks/global/cdk.tf.json"));
        assertEquals(ReviewCommand.BAD_INPUT, run("--base", base.toString(), "--head", head.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("stack 'global' is listed in"));
    }

    private int run(String... args) {
        return ReviewCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
