package dev.gkeinference.app.diagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The topology picture of the reference deployment and of a variant, checked in each output format. */
class DiagramTest {
    private static final Topology REFERENCE = referenceTopology();

    private static Topology referenceTopology() {
        return Topology.from(DeploymentResolver.resolve(DeploymentConfigLoader.reference(), ResolveOptions.NONE, "t"));
    }

    @Test
    void topologyOfTheReferenceDeployment() {
        assertEquals(List.of("europe-west4", "us-east5"), REFERENCE.regions().stream().map(Topology.Region::region).toList());
        assertEquals(new Topology.TpuPool("ct6e-standard-4t", "2x2", "europe-west4-a", 1, 4, "on-demand"),
                REFERENCE.regions().get(0).tpu());
        assertTrue(REFERENCE.regions().get(0).configCluster());
        assertEquals("inference-europe-west4", REFERENCE.gateway().configClusterName());
        assertEquals("gke-l7-cross-regional-internal-managed-mc", REFERENCE.gateway().gatewayClass());
        assertEquals(8, REFERENCE.totalChips());
    }

    @Test
    void chipsAreCountedOverAllNodesOfThePool() {
        String yaml = reference().replaceFirst("nodeCount: 1", "nodeCount: 2");
        Topology topology = Topology.from(DeploymentResolver.resolve(
                DeploymentConfigLoader.parse(yaml, "test.yaml"), ResolveOptions.NONE, "test.yaml"));
        assertEquals(8, topology.regions().get(0).tpu().chips());
        assertTrue(texts(svg(topology)).contains("2 nodes · 8 chips"), texts(svg(topology)).toString());
    }

    @Test
    void anExistingBucketIsShownAsExisting() {
        String yaml = reference().replace("bucket:\n  location: US\n",
                "bucket:\n  existing: true\n  name: acme-weights\n");
        Topology topology = Topology.from(DeploymentResolver.resolve(
                DeploymentConfigLoader.parse(yaml, "test.yaml"), ResolveOptions.NONE, "test.yaml"));
        assertTrue(texts(svg(topology)).contains("bucket gs://acme-weights (existing)"),
                texts(svg(topology)).toString());
        assertTrue(MermaidWriter.write(topology).contains("bucket[(\"gs://acme-weights (existing)<br/>"));
    }

    @Test
    void anExistingVpcAndClusterAreShownAsExisting() {
        String yaml = reference().replace("network:\n  name: inference-vpc\n  mtu: 8896\n",
                "network:\n  name: platform-vpc\n  existing: true\n")
                .replace("    configCluster: true\n", "    configCluster: true\n    existingCluster: platform-ew4\n")
                .replace("      nodes: 10.0.0.0/20\n      pods: 10.64.0.0/14\n      services: 10.1.0.0/20\n", "");
        String mermaid = MermaidWriter.write(Topology.from(DeploymentResolver.resolve(
                DeploymentConfigLoader.parse(yaml, "test.yaml"), ResolveOptions.NONE, "test.yaml")));
        assertTrue(mermaid.contains("vpc{{\"VPC platform-vpc (existing)\"}}"), mermaid);
        assertTrue(mermaid.contains("[\"GKE cluster platform-ew4 (existing)<br/>config cluster\"]"), mermaid);
        assertTrue(mermaid.contains("[\"GKE cluster inference-us-east5\"]"), mermaid);
    }

    @Test
    void gatewayNameAndReservedAddressesComeFromTheServingConfig() {
        String yaml = reference().replace("name: cross-region-gateway", "name: gemma-gateway")
                .replace("reservedAddresses: {}", "reservedAddresses:\n      us-east5: gemma-vip-us-east5");
        Topology topology = Topology.from(DeploymentResolver.resolve(
                DeploymentConfigLoader.parse(yaml, "test.yaml"), ResolveOptions.NONE, "test.yaml"));
        assertEquals("gemma-gateway", topology.gateway().name());
        assertEquals("ephemeral internal address", topology.regions().get(0).address());
        assertEquals("reserved address gemma-vip-us-east5", topology.regions().get(1).address());
        assertTrue(MermaidWriter.write(topology).contains("gateway address: reserved address gemma-vip-us-east5"));
    }

    @Test
    void svgIsWellFormedAndShowsEveryPart() throws Exception {
        String svg = svg(REFERENCE);
        Document doc = xml(svg);
        assertEquals("712", doc.getDocumentElement().getAttribute("width"), "two columns of 320, a gap and margins of 24");
        assertEquals(1 + 1 + 2 * 4 + 1, doc.getElementsByTagName("rect").getLength(),
                "background, gateway, four boxes per region, global");
        assertEquals(4, doc.getElementsByTagName("line").getLength(), "per region: gateway arrow and FUSE arrow");
        List<String> texts = texts(svg);
        for (String expected : List.of("Inference Gateway cross-region-gateway", "region europe-west4",
                "region us-east5", "cluster inference-europe-west4", "GKE Standard · config cluster",
                "ct6e-standard-4t · topology 2x2", "1 node · 4 chips", "zone us-east5-b",
                "VIP: ephemeral internal address", "bucket gs://replace-with-your-project-inference-weights (US)",
                "model google/gemma-3-27b-it · weights at /gemma-3-27b-it")) {
            assertTrue(texts.contains(expected), "missing '" + expected + "' in " + texts);
        }
    }

    @Test
    void outputIsDeterministic() {
        assertEquals(svg(REFERENCE), svg(referenceTopology()));
        assertArrayEquals(PngWriter.write(TopologyLayout.layout(REFERENCE)),
                PngWriter.write(TopologyLayout.layout(REFERENCE)));
    }

    @Test
    void pngIsPaintedFromTheSameLayout() throws Exception {
        Drawing drawing = TopologyLayout.layout(REFERENCE);
        byte[] png = PngWriter.write(drawing);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(drawing.width() * PngWriter.SCALE, image.getWidth());
        assertEquals(drawing.height() * PngWriter.SCALE, image.getHeight());
        assertEquals(0xffffff, image.getRGB(2, 2) & 0xffffff, "white background");
        // inside the second region's TPU pool box, below its text: the pool fill colour
        int x = TopologyLayout.columnX(1) + TopologyLayout.COLUMN - 48;
        int y = TopologyLayout.REGION_Y + 144 + 120;
        assertEquals(0xfef7e0, image.getRGB(x * PngWriter.SCALE, y * PngWriter.SCALE) & 0xffffff);
        // inside the gateway box, at its left end
        assertEquals(0xe8f0fe, image.getRGB((TopologyLayout.MARGIN + 8) * PngWriter.SCALE,
                (TopologyLayout.GATEWAY_Y + 32) * PngWriter.SCALE) & 0xffffff);
    }

    @Test
    void mermaidOfTheReferenceDeployment() {
        assertEquals("""
                flowchart TB
                  gateway["Inference Gateway cross-region-gateway<br/>gke-l7-cross-regional-internal-managed-mc<br/>on inference-europe-west4"]
                  subgraph europe_west4["region europe-west4"]
                    europe_west4_address(["gateway address: ephemeral internal address"])
                    europe_west4_cluster["GKE cluster inference-europe-west4<br/>config cluster"]
                    europe_west4_tpu[["TPU v6e ct6e-standard-4t 2x2<br/>1 node, 4 chips<br/>europe-west4-a, on-demand"]]
                    europe_west4_cluster --- europe_west4_tpu
                  end
                  subgraph us_east5["region us-east5"]
                    us_east5_address(["gateway address: ephemeral internal address"])
                    us_east5_cluster["GKE cluster inference-us-east5"]
                    us_east5_tpu[["TPU v6e ct6e-standard-4t 2x2<br/>1 node, 4 chips<br/>us-east5-b, on-demand"]]
                    us_east5_cluster --- us_east5_tpu
                  end
                  bucket[("gs://replace-with-your-project-inference-weights (US)<br/>google/gemma-3-27b-it")]
                  vpc{{"VPC inference-vpc"}}
                  gateway --> europe_west4_address
                  gateway --> us_east5_address
                  europe_west4_address --> europe_west4_cluster
                  us_east5_address --> us_east5_cluster
                  bucket -. FUSE .-> europe_west4_tpu
                  bucket -. FUSE .-> us_east5_tpu
                  vpc --- europe_west4_cluster
                  vpc --- us_east5_cluster
                """, MermaidWriter.write(REFERENCE));
    }

    @Test
    void longNamesAreCutToFitTheirBox() {
        String cut = TopologyLayout.fit("x".repeat(200), 100, 12, false);
        assertTrue(cut.endsWith("…") && cut.length() < 20, cut);
        assertEquals("short", TopologyLayout.fit("short", 100, 12, false));
    }

    static String svg(Topology topology) {
        return SvgWriter.write(TopologyLayout.layout(topology));
    }

    static Document xml(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<String> texts(String svg) {
        try {
            NodeList nodes = xml(svg).getElementsByTagName("text");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent());
            }
            return texts;
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG", e);
        }
    }

    private static String reference() {
        try (var in = DeploymentConfigLoader.class.getResourceAsStream("reference-deployment.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
