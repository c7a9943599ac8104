package org.refugio.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.cfg.PackageVersion;

/**
 * The client artifact intake systems depend on (client/pom.xml, org.refugio:refugio-client) is generated exactly like
 * the client the API tests use (execution "client-sdk" of this pom): what ClientSdkTest proves of one holds for the
 * other. Fails when the two configurations drift apart, when the artifact's version leaves the service's, or when it
 * picks up anything of the service. (./mvnw verify also builds it and an outside program against it: invoker.)
 */
class ClientArtifactMatchesTheBuildTest {

    /** What differs by nature: where the contract is read from and where the sources go (test or main sources). */
    static final List<String> WHERE = List.of("inputSpec", "output", "addCompileSourceRoot", "addTestCompileSourceRoot");

    final Document service = read(Path.of("pom.xml"));
    final Document client = read(Path.of("client", "pom.xml"));
    final Document sample = read(Path.of("client", "sample", "pom.xml"));

    @Test
    void theArtifactIsGeneratedWithTheSettingsTheApiTestsUse() {
        Element ours = clientSdkExecution(service);
        Element theirs = clientSdkExecution(client);

        assertThat(settings(theirs)).as("client/pom.xml against pom.xml, execution client-sdk")
                .isEqualTo(settings(ours))
                .containsEntry("generatorName", "java")
                .containsEntry("library", "native");
        assertThat(options(theirs)).as("configOptions of client/pom.xml against pom.xml")
                .isEqualTo(options(ours))
                .containsEntry("enumUnknownDefaultCase", "true");
        assertThat(property(client, "openapi-generator.version")).isEqualTo(property(service, "openapi-generator.version"));
    }

    @Test
    void bothReadTheOneContract() throws Exception {
        Path ours = Path.of(text(configuration(clientSdkExecution(service)), "inputSpec")
                .replace("${project.basedir}", "."));
        Path theirs = Path.of(text(configuration(clientSdkExecution(client)), "inputSpec")
                .replace("${contract}", property(client, "contract"))
                .replace("${project.basedir}", "client"));

        assertThat(theirs.toRealPath()).isEqualTo(ours.toRealPath())
                .isEqualTo(Path.of("api-spec", "refugio-api.yaml").toRealPath());
    }

    @Test
    void theArtifactCarriesTheServicesVersionAndNothingOfTheService() {
        assertThat(text(client.getDocumentElement(), "groupId")).isEqualTo("org.refugio");
        assertThat(text(client.getDocumentElement(), "artifactId")).isEqualTo("refugio-client");
        assertThat(text(client.getDocumentElement(), "version")).as("the service's version")
                .isEqualTo(text(service.getDocumentElement(), "version"));
        assertThat(children(client.getDocumentElement(), "parent")).as("no parent: an intake system sees no Spring")
                .isEmpty();

        List<String> dependencies = new ArrayList<>();
        for (Element dependency : elements(client, "dependency")) {
            dependencies.add(text(dependency, "groupId"));
        }
        assertThat(dependencies).as("Jackson and the Jakarta annotations only")
                .allMatch(group -> group.startsWith("com.fasterxml.jackson") || group.equals("jakarta.annotation"));
        // The Jackson the service is built and tested with (Spring Boot's), so the API tests speak for the artifact.
        assertThat(property(client, "jackson.version")).isEqualTo(PackageVersion.VERSION.toString());
    }

    @Test
    void theSampleIntakeSystemDependsOnThisVersion() {
        Element dependency = elements(sample, "dependency").stream()
                .filter(d -> "refugio-client".equals(text(d, "artifactId")))
                .findFirst().orElseThrow();
        assertThat(text(dependency, "groupId")).isEqualTo("org.refugio");
        assertThat(text(dependency, "version")).isEqualTo(text(service.getDocumentElement(), "version"));
    }

    static Element clientSdkExecution(Document pom) {
        return elements(pom, "execution").stream()
                .filter(e -> "client-sdk".equals(text(e, "id")))
                .filter(e -> "openapi-generator-maven-plugin".equals(text((Element) e.getParentNode().getParentNode(),
                        "artifactId")))
                .findFirst().orElseThrow(() -> new AssertionError("no client-sdk execution of the generator"));
    }

    static Map<String, String> settings(Element execution) {
        Map<String, String> settings = new TreeMap<>();
        for (Element setting : children(configuration(execution), null)) {
            if (!WHERE.contains(setting.getTagName()) && !setting.getTagName().equals("configOptions")) {
                settings.put(setting.getTagName(), setting.getTextContent().trim());
            }
        }
        return settings;
    }

    static Map<String, String> options(Element execution) {
        Map<String, String> options = new TreeMap<>();
        for (Element option : children(children(configuration(execution), "configOptions").get(0), null)) {
            options.put(option.getTagName(), option.getTextContent().trim());
        }
        return options;
    }

    static Element configuration(Element execution) {
        return children(execution, "configuration").get(0);
    }

    static String property(Document pom, String name) {
        return text(children(pom.getDocumentElement(), "properties").get(0), name);
    }

    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                found.add(element);
            }
        }
        return found;
    }

    static List<Element> elements(Document pom, String name) {
        List<Element> found = new ArrayList<>();
        var nodes = pom.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    static Document read(Path pom) {
        try {
            assertThat(pom).exists();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + pom, e);
        }
    }
}
