package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What a team needs to depend on obs: the Apache-2.0 licence word for word, licence, developer and
 * repository metadata in the published poms, a stable {@code Automatic-Module-Name} and sources and
 * javadoc jars for every published module, a changelog whose first release the README shows, and a
 * docs index that reaches every page.
 */
class ReleaseTest {

    /** SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt, the text Apache's own jars carry. */
    private static final String APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";

    private static final Pattern RELEASE =
            Pattern.compile("^## \\[(\\d+\\.\\d+\\.\\d+)] - \\d{4}-\\d{2}-\\d{2}$", Pattern.MULTILINE);

    @Test
    void licenseIsTheStandardApache2Text() throws Exception {
        byte[] license = Files.readAllBytes(BomTest.ROOT.resolve("LICENSE"));
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(license));
        assertThat(sha256).as("LICENSE is the Apache License 2.0, unchanged").isEqualTo(APACHE_2_SHA256);
    }

    @Test
    void publishedPomsCarryLicenceDevelopersAndRepository() throws Exception {
        for (String pom : List.of("obs-parent/pom.xml", "obs-bom/pom.xml")) {
            Element project = BomTest.parse(BomTest.ROOT.resolve(pom)).getDocumentElement();
            Element license = BomTest.firstChild(BomTest.firstChild(project, "licenses"), "license");
            assertThat(license).as("%s <licenses>", pom).isNotNull();
            assertThat(BomTest.child(license, "name")).as(pom).isEqualTo("Apache-2.0");
            assertThat(BomTest.child(license, "url"))
                    .as(pom)
                    .isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
            assertThat(BomTest.firstChild(BomTest.firstChild(project, "developers"), "developer"))
                    .as("%s <developers>", pom)
                    .isNotNull();
            Element scm = BomTest.firstChild(project, "scm");
            assertThat(scm).as("%s <scm>", pom).isNotNull();
            assertThat(BomTest.child(scm, "url")).as(pom).isEqualTo("${obs.url}");
            assertThat(BomTest.child(scm, "connection")).as(pom).isEqualTo("scm:git:${obs.url}.git");
            assertThat(BomTest.child(project, "url")).as(pom).isEqualTo("${obs.url}");
        }
        for (String module : BomTest.publishedModules()) {
            Element project = BomTest.parse(BomTest.ROOT.resolve(module).resolve("pom.xml"))
                    .getDocumentElement();
            assertThat(BomTest.child(BomTest.firstChild(project, "parent"), "artifactId"))
                    .as("%s inherits the metadata and the release plugins", module)
                    .isEqualTo("obs-parent");
            assertThat(BomTest.child(project, "description"))
                    .as("%s <description>", module)
                    .isNotBlank();
        }
    }

    /**
     * Each published module names itself {@code io.escalation.obs.<its package>}; when the reactor
     * has packaged it (verify), its jar carries that name and has sources and javadoc jars beside it.
     */
    @Test
    void everyPublishedJarHasItsAutomaticModuleNameSourcesAndJavadoc() throws Exception {
        String version =
                BomTest.child(BomTest.parse(BomTest.ROOT.resolve("pom.xml")).getDocumentElement(), "version");
        for (String module : BomTest.publishedModules()) {
            Path moduleDir = BomTest.ROOT.resolve(module);
            List<String> packages;
            try (Stream<Path> dirs = Files.list(moduleDir.resolve("src/main/java/io/escalation/obs"))) {
                packages = dirs.map(d -> d.getFileName().toString()).collect(Collectors.toList());
            }
            assertThat(packages).as("%s has one package root", module).hasSize(1);
            String expected = "io.escalation.obs." + packages.get(0);
            Element properties = BomTest.firstChild(
                    BomTest.parse(moduleDir.resolve("pom.xml")).getDocumentElement(), "properties");
            assertThat(BomTest.child(properties, "obs.moduleName"))
                    .as("%s obs.moduleName", module)
                    .isEqualTo(expected);

            Path jar = moduleDir.resolve("target").resolve(module + "-" + version + ".jar");
            if (Files.exists(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                            .as("%s manifest", jar.getFileName())
                            .isEqualTo(expected);
                }
                for (String classifier : List.of("sources", "javadoc")) {
                    Path attached =
                            moduleDir.resolve("target").resolve(module + "-" + version + "-" + classifier + ".jar");
                    assertThat(attached).as("%s jar of %s", classifier, module).exists();
                    try (JarFile file = new JarFile(attached.toFile())) {
                        assertThat(file.getEntry(
                                        classifier.equals("sources")
                                                ? expected.replace('.', '/') + "/package-info.java"
                                                : "index.html"))
                                .as("%s in %s", classifier, attached.getFileName())
                                .isNotNull();
                    }
                }
            }
        }
        for (String unpublished : List.of("examples", "architecture-tests", "benchmarks")) {
            Element properties = BomTest.firstChild(
                    BomTest.parse(BomTest.ROOT.resolve(unpublished).resolve("pom.xml"))
                            .getDocumentElement(),
                    "properties");
            assertThat(BomTest.child(properties, "maven.javadoc.skip"))
                    .as(unpublished)
                    .isEqualTo("true");
            assertThat(BomTest.child(properties, "maven.source.skip"))
                    .as(unpublished)
                    .isEqualTo("true");
        }
    }

    @Test
    void changelogsFirstReleaseCoversEveryModuleAndTheReadmeShowsItsCoordinates() throws IOException {
        String changelog = read("CHANGELOG.md");
        assertThat(changelog).startsWith("# Changelog\n").contains("\n## [Unreleased]\n");
        Matcher release = RELEASE.matcher(changelog);
        assertThat(release.find())
                .as("a release heading such as ## [0.1.0] - 2026-12-02")
                .isTrue();
        String first = release.group(1);
        // a module is named when it is released, or under [Unreleased] until then
        String entries = changelog.substring(changelog.indexOf("\n## [Unreleased]\n"));
        for (String module : BomTest.publishedModules()) {
            assertThat(entries)
                    .as("the %s entry or [Unreleased] names %s", first, module)
                    .contains("`" + module + "`");
        }
        String readme = read("README.md");
        assertThat(readme)
                .as("README shows the released BOM coordinates")
                .contains("<artifactId>obs-bom</artifactId>\n      <version>" + first + "</version>")
                .contains("](CHANGELOG.md)")
                .contains("](LICENSE)")
                .contains("](docs/README.md)");
    }

    @Test
    void docsIndexReachesEveryPageTheCatalogueDeployAndBenchmarks() throws IOException {
        String index = read("docs/README.md");
        try (Stream<Path> pages = Files.list(BomTest.ROOT.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList())) {
                String name = page.getFileName().toString();
                if (!name.equals("README.md")) {
                    assertThat(index).as("docs/README.md links %s", name).contains("](" + name);
                }
            }
        }
        assertThat(index)
                .contains(
                        "](../deploy/README.md)", "](../benchmarks/README.md)", "](metrics.md)", "](../CHANGELOG.md)");
    }

    private static String read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(BomTest.ROOT.resolve(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
