package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * obs-bom lists every published module and nothing else, so it can sit beside Spring Boot's BOM; the third-party
 * versions obs is tested with are obs-dependencies'; obs-spring-boot is built on the versions Boot manages.
 */
class BomTest {

    static final Path ROOT =
            Path.of(System.getProperty("obs.root", "..")).toAbsolutePath().normalize();

    @Test
    void bomListsEveryPublishedModule() throws Exception {
        List<String> published = publishedModules();
        Element bom = parse(ROOT.resolve("obs-bom/pom.xml")).getDocumentElement();
        Element managed = firstChild(firstChild(bom, "dependencyManagement"), "dependencies");
        List<String> listed = new ArrayList<>();
        for (Element dependency : children(managed, "dependency")) {
            if ("io.escalation.obs".equals(child(dependency, "groupId"))) {
                listed.add(child(dependency, "artifactId"));
            }
        }

        assertThat(published).as("published modules").contains("obs-core", "obs-test");
        assertThat(listed).as("obs modules in obs-bom").containsAll(published);
        assertThat(published)
                .as("every obs module in obs-bom is a published module")
                .containsAll(listed);
    }

    @Test
    void bomManagesNoThirdPartyVersionSoItNeverFightsSpringBoots() throws Exception {
        Element bom = parse(ROOT.resolve("obs-bom/pom.xml")).getDocumentElement();
        Element managed = firstChild(firstChild(bom, "dependencyManagement"), "dependencies");
        for (Element dependency : children(managed, "dependency")) {
            assertThat(child(dependency, "groupId"))
                    .as(
                            "obs-bom manages %s: third-party versions belong in obs-dependencies",
                            child(dependency, "artifactId"))
                    .isEqualTo("io.escalation.obs");
        }
        Element dependencies = parse(ROOT.resolve("obs-dependencies/pom.xml")).getDocumentElement();
        List<String> pinned = new ArrayList<>();
        for (Element dependency :
                children(firstChild(firstChild(dependencies, "dependencyManagement"), "dependencies"), "dependency")) {
            pinned.add(child(dependency, "artifactId"));
        }
        assertThat(pinned)
                .as("obs-dependencies pins what obs is tested with")
                .contains(
                        "micrometer-bom",
                        "prometheus-metrics-bom",
                        "opentelemetry-bom",
                        "slf4j-api",
                        "logback-classic");
    }

    @Test
    void obsSpringBootIsBuiltOnTheVersionsSpringBootManages() throws Exception {
        Element pom = parse(ROOT.resolve("obs-spring-boot/pom.xml")).getDocumentElement();
        List<String> imports = new ArrayList<>();
        for (Element dependency :
                children(firstChild(firstChild(pom, "dependencyManagement"), "dependencies"), "dependency")) {
            imports.add(child(dependency, "artifactId"));
        }
        // the first import that manages an artifact wins, and an import of the module wins over the parent's
        // (obs-dependencies): Boot's Micrometer, OpenTelemetry and Prometheus client are the ones tested
        assertThat(imports).doesNotContain("obs-dependencies");
        assertThat(imports.indexOf("spring-boot-dependencies"))
                .as("spring-boot-dependencies imported before obs-bom in %s", imports)
                .isNotNegative()
                .isLessThan(imports.indexOf("obs-bom"));
    }

    /** The artifact ids of the published modules (jar modules that deploy), in the reactor's order. */
    static List<String> publishedModules() {
        try {
            List<String> published = new ArrayList<>();
            for (String module : texts(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
                Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
                if (isPublished(pom)) {
                    String artifactId = child(pom.getDocumentElement(), "artifactId");
                    assertThat(artifactId).as("the folder of %s", artifactId).isEqualTo(module);
                    published.add(artifactId);
                }
            }
            return published;
        } catch (Exception e) {
            throw new IllegalStateException("reading the poms under " + ROOT, e);
        }
    }

    /** Published: a jar module that does not skip deployment. */
    private static boolean isPublished(Document pom) {
        Element project = pom.getDocumentElement();
        String packaging = child(project, "packaging");
        if ("pom".equals(packaging)) {
            return false;
        }
        Element properties = firstChild(project, "properties");
        return properties == null || !"true".equals(child(properties, "maven.deploy.skip"));
    }

    static Document parse(Path file) throws Exception {
        assertThat(file).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<String> texts(Element parent, String container, String item) {
        List<String> result = new ArrayList<>();
        for (Element e : children(firstChild(parent, container), item)) {
            result.add(e.getTextContent().trim());
        }
        return result;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                result.add((Element) node);
            }
        }
        return result;
    }

    static Element firstChild(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static String child(Element parent, String name) {
        Element e = firstChild(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
