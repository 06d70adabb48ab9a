package dev.gkeinference.app.review;

import static dev.gkeinference.app.review.SynthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification of crafted base/head pairs: add, change, replace, remove, destroy, moves, unknown types. */
class ReviewClassificationTest {
    private static final String TPU_POOL = json("{'google_container_node_pool':{'tpu':{"
            + "'name':'tpu','cluster':'${google_container_cluster.cluster.id}','location':'europe-west4',"
            + "'node_locations':['europe-west4-a'],'node_count':1,"
            + "'node_config':{'machine_type':'ct6e-standard-4t','labels':{'cloud.google.com/gke-networking-dra-driver':'true'}},"
            + "'placement_policy':{'type':'COMPACT','tpu_topology':'2x2'},"
            + "'network_config':{'accelerator_network_profile':'auto'},"
            + "'//':{'metadata':{'path':'cluster-europe-west4/tpu'}}}}}");

    @TempDir
    Path tmp;

    @Test
    void identicalOutputsHaveNoChangesEvenWhenMetadataDiffers() {
        SynthFixture base = fixture("base").stack("cluster-europe-west4", TPU_POOL);
        SynthFixture head = fixture("head").stack("cluster-europe-west4",
                TPU_POOL.replace("cluster-europe-west4/tpu", "cluster-europe-west4/renamed-in-metadata-only"));
        assertEquals(List.of(), changes(base, head));
    }

    @Test
    void nodeCountIsAnInPlaceChange() {
        ResourceChange change = single(TPU_POOL, TPU_POOL.replace("\"node_count\":1", "\"node_count\":2"));
        assertEquals(ChangeKind.CHANGE, change.kind());
        assertEquals("node_count", change.attributes().get(0).path());
        assertEquals("1", change.attributes().get(0).before().toString());
        assertEquals("2", change.attributes().get(0).after().toString());
        assertEquals(Optional.empty(), change.attributes().get(0).replacement());
        assertFalse(change.destructive());
    }

    @Test
    void nodeLabelChangeIsInPlaceAndNamesTheLabel() {
        ResourceChange change = single(TPU_POOL, TPU_POOL.replace(
                "'cloud.google.com/gke-networking-dra-driver':'true'".replace('\'', '"'),
                "'cloud.google.com/gke-networking-dra-driver':'false'".replace('\'', '"')));
        assertEquals(ChangeKind.CHANGE, change.kind());
        assertEquals("node_config.labels[\"cloud.google.com/gke-networking-dra-driver\"]",
                change.attributes().get(0).path());
    }

    @Test
    void placementPolicyTopologyForcesReplacementOfTheNodePool() {
        ResourceChange change = single(TPU_POOL, TPU_POOL.replace("\"2x2\"", "\"2x4\""));
        assertEquals(ChangeKind.REPLACE, change.kind());
        assertEquals(Optional.of(Replacement.FORCES_NEW), change.attributes().get(0).replacement());
        assertTrue(change.destructive(), "a node pool is stateful: its replacement is gated");
        assertEquals("europe-west4", change.region());
    }

    @Test
    void acceleratorNetworkProfileForcesReplacement() {
        ResourceChange change = single(TPU_POOL, TPU_POOL.replace(",\"network_config\":{\"accelerator_network_profile\":\"auto\"}", ""));
        assertEquals(ChangeKind.REPLACE, change.kind());
        assertEquals("network_config.accelerator_network_profile", change.attributes().get(0).path());
        assertEquals(null, change.attributes().get(0).after());
    }

    @Test
    void machineTypeAndZonesRecreateEveryNode() {
        ResourceChange change = single(TPU_POOL, TPU_POOL.replace("ct6e-standard-4t", "ct6e-standard-8t")
                .replace("\"europe-west4-a\"", "\"europe-west4-b\""));
        assertEquals(ChangeKind.REPLACE, change.kind());
        assertEquals(List.of("node_config.machine_type", "node_locations"),
                change.attributes().stream().map(AttributeChange::path).toList());
        change.attributes().forEach(a -> assertEquals(Optional.of(Replacement.RECREATES_NODES), a.replacement()));
    }

    @Test
    void clusterLocationNetworkAndDatapathForceReplacement() {
        String cluster = json("{'google_container_cluster':{'cluster':{'name':'c','location':'europe-west4',"
                + "'network':'vpc','datapath_provider':'ADVANCED_DATAPATH','min_master_version':'1.34'}}}");
        for (String[] edit : new String[][] {{"europe-west4", "europe-west1"}, {"\"vpc\"", "\"vpc2\""},
                {"ADVANCED_DATAPATH", "LEGACY_DATAPATH"}}) {
            assertEquals(ChangeKind.REPLACE, single(cluster, cluster.replace(edit[0], edit[1])).kind(), edit[0]);
        }
        assertEquals(ChangeKind.CHANGE, single(cluster, cluster.replace("1.34", "1.35")).kind());
    }

    @Test
    void aReplacedClusterReplacesTheNodePoolsThatReferToItsId() {
        String stack = json("{'google_container_cluster':{'cluster':{'name':'c','location':'europe-west4'}},"
                + "'google_container_node_pool':{'tpu':{'name':'tpu','cluster':'${google_container_cluster.cluster.id}'},"
                + "'by_name':{'name':'p','cluster':'${google_container_cluster.cluster.name}'}}}");
        List<ResourceChange> changes = changes(fixture("b").stack("cluster-europe-west4", stack),
                fixture("h").stack("cluster-europe-west4", stack.replace("\"europe-west4\"", "\"europe-west1\"")));

        assertEquals(List.of("google_container_cluster.cluster", "google_container_node_pool.tpu"),
                changes.stream().map(ResourceChange::address).toList(), "the name is configured, so stays known");
        ResourceChange pool = changes.get(1);
        assertEquals(ChangeKind.REPLACE, pool.kind());
        AttributeChange cause = pool.attributes().get(0);
        assertEquals("cluster", cause.path());
        assertEquals(Optional.of("google_container_cluster.cluster"), cause.replacedReference());
        assertEquals(Optional.of(Replacement.FORCES_NEW), cause.replacement());
        assertTrue(pool.destructive());
        String markdown = MarkdownWriter.render(new ReviewReport(changes, List.of(),
                new java.util.TreeSet<>(), new java.util.TreeSet<>(List.of("cluster-europe-west4"))),
                false);
        assertTrue(markdown.contains("  - `cluster`: refers to `google_container_cluster.cluster`, which is replaced"
                + " **forces replacement**\n"), markdown);
    }

    @Test
    void bucketNameAndLocationForceReplacement() {
        String bucket = json("{'google_storage_bucket':{'weights':{'name':'w','location':'EU','labels':{'a':'b'}}}}");
        assertEquals(ChangeKind.REPLACE, single(bucket, bucket.replace("'EU'".replace('\'', '"'), "\"US\"")).kind());
        assertEquals(ChangeKind.REPLACE, single(bucket, bucket.replace("\"w\"", "\"w2\"")).kind());
        assertEquals(ChangeKind.CHANGE, single(bucket, bucket.replace("\"b\"", "\"c\"")).kind());
    }

    @Test
    void subnetRangeMayGrowInPlaceButNotMoveOrShrink() {
        String subnet = json("{'google_compute_subnetwork':{'nodes':{'name':'n','region':'us-east5','ip_cidr_range':'10.0.4.0/24'}}}");
        assertEquals(ChangeKind.CHANGE, single(subnet, subnet.replace("10.0.4.0/24", "10.0.4.0/22")).kind());
        assertEquals(ChangeKind.REPLACE, single(subnet, subnet.replace("10.0.4.0/24", "10.0.8.0/22")).kind());
        assertEquals(ChangeKind.REPLACE, single(subnet, subnet.replace("10.0.4.0/24", "10.0.4.0/25")).kind());
    }

    @Test
    void iamMembersAndManifestIdentitiesAreReplaced() {
        String member = json("{'google_project_iam_member':{'m':{'project':'p','role':'roles/a','member':'x'}}}");
        assertEquals(ChangeKind.REPLACE, single(member, member.replace("roles/a", "roles/b")).kind());
        String manifest = json("{'kubernetes_manifest':{'pool':{'manifest':{'apiVersion':'v1','kind':'InferencePool',"
                + "'metadata':{'name':'gemma','namespace':'inference'},'spec':{'targetPorts':[{'number':8000}]}}}}}");
        assertEquals(ChangeKind.REPLACE, single(manifest, manifest.replace("\"gemma\"", "\"gemma3\"")).kind());
        ResourceChange spec = single(manifest, manifest.replace("8000", "8001"));
        assertEquals(ChangeKind.CHANGE, spec.kind());
        assertEquals("manifest.spec.targetPorts[0].number", spec.attributes().get(0).path());
    }

    @Test
    void removingStatefulResourcesIsDestroyAndOthersAreRemove() {
        String both = json("{'google_storage_bucket':{'weights':{'name':'w','location':'EU'}},"
                + "'google_compute_firewall':{'hc':{'name':'hc','network':'vpc'}}}");
        List<ResourceChange> changes = changes(fixture("b").stack("global", both), fixture("h").stack("global", "{}"));
        assertEquals(List.of("google_compute_firewall.hc", "google_storage_bucket.weights"),
                changes.stream().map(ResourceChange::address).toList());
        assertEquals(ChangeKind.REMOVE, changes.get(0).kind());
        assertEquals(ChangeKind.DESTROY, changes.get(1).kind());
        assertEquals(List.of(changes.get(1)), changes.stream().filter(ResourceChange::destructive).toList());
    }

    @Test
    void aRemovedStackDestroysItsResourcesAndANewStackAddsThem() {
        List<ResourceChange> changes = changes(fixture("b").stack("cluster-europe-west4", TPU_POOL),
                fixture("h").stack("cluster-us-east5", TPU_POOL.replace("europe-west4", "us-east5")));
        assertEquals(2, changes.size());
        assertEquals(ChangeKind.DESTROY, changes.get(0).kind());
        assertEquals("europe-west4", changes.get(0).region());
        assertEquals(ChangeKind.ADD, changes.get(1).kind());
        assertEquals("us-east5", changes.get(1).region());
    }

    @Test
    void aDeclaredMoveIsAChangeNotADestroyAndAnAdd() {
        String renamed = TPU_POOL.replace("\"tpu\":{", "\"tpu_pool\":{");
        List<ResourceChange> changes = changes(fixture("b").stack("s", TPU_POOL), fixture("h").stack("s", renamed,
                "[]", json("[{'from':'google_container_node_pool.tpu','to':'google_container_node_pool.tpu_pool'}]")));
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(ChangeKind.CHANGE, changes.get(0).kind());
        assertEquals(Optional.of("google_container_node_pool.tpu"), changes.get(0).movedFrom());
    }

    @Test
    void changesNameTheResourceAsTheCloudOrClusterKnowsIt() {
        String manifest = json("{'kubernetes_manifest':{'d':{'manifest':{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'metadata':{'name':'vllm-gemma3','namespace':'inference'},'spec':{'replicas':1}}}}}");
        assertEquals("Deployment inference/vllm-gemma3", single(manifest, manifest.replace("\"replicas\":1",
                "\"replicas\":2")).name());
        String grant = json("{'google_project_iam_member':{'g':{'role':'roles/a','member':'${google_service_account.x.member}'}}}");
        assertEquals("roles/b", single(grant, grant.replace("roles/a", "roles/b")).name(),
                "references are left out");
    }

    @Test
    void changesOfUnknownTypesAreMarkedUnverified() {
        String thing = json("{'google_new_thing':{'x':{'a':1}}}");
        ResourceChange change = single(thing, thing.replace("1", "2"));
        assertEquals(ChangeKind.CHANGE, change.kind());
        assertFalse(change.replacementRulesKnown());
    }

    @Test
    void regionComesFromZoneLocationOrStackName() {
        String sa = json("{'google_service_account':{'nodes':{'account_id':'a'}}}");
        assertEquals("us-east5", single("cluster-us-east5", sa, sa.replace("\"a\"", "\"b\"")).region());
        assertEquals("global", single("fleet", sa, sa.replace("\"a\"", "\"b\"")).region());
        String reservation = json("{'google_compute_reservation':{'r':{'name':'r','zone':'us-east5-b'}}}");
        assertEquals("us-east5", single("global", reservation, reservation.replace("\"r\",", "\"r2\",")).region());
    }

    private ResourceChange single(String before, String after) {
        return single("cluster-europe-west4", before, after);
    }

    private ResourceChange single(String stack, String before, String after) {
        List<ResourceChange> changes = changes(fixture("base").stack(stack, before), fixture("head").stack(stack, after));
        assertEquals(1, changes.size(), changes.toString());
        return changes.get(0);
    }

    private int fixtures;

    private SynthFixture fixture(String name) {
        return new SynthFixture(tmp.resolve(name + "-" + (fixtures++)));
    }

    private static List<ResourceChange> changes(SynthFixture base, SynthFixture head) {
        return new ResourceDiffer(ReplacementRules.standard())
                .diff(SynthesizedOutput.load(base.dir()), SynthesizedOutput.load(head.dir()));
    }
}
