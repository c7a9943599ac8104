package org.refugio.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One worked case as data a legal expert can review: the facts, and the expected status per program, per
 * relative and for the referral (src/test/resources/scenarios/README.md). {@code proves} names the K-items or rule
 * IDs the scenario exists for; {@code note} is a sentence for the reviewer.
 */
public record Scenario(String file, int id, String title, List<String> proves, JsonNode facts, JsonNode expected) {

    /** Where the scenario files live in the source tree; every one of them must load. */
    public static final Path SOURCE_DIRECTORY = Path.of("src/test/resources/scenarios");
    public static final int PUBLIC_SCENARIOS = 25;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("id", "title", "proves", "note", "facts", "expected");

    /** Every scenario under src/test/resources/scenarios, public ones and the project's own. */
    public static List<Scenario> all() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:scenarios/**/*.json");
            List<Scenario> scenarios = new ArrayList<>();
            for (Resource r : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                try (InputStream in = r.getInputStream()) {
                    scenarios.add(of(r.getFilename(), JSON.readTree(in)));
                }
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario files in the source tree, counted without the class path, so a file that fails to load shows. */
    public static List<Path> filesInSourceTree() {
        try (Stream<Path> files = Files.walk(SOURCE_DIRECTORY)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scenario of(String file, JsonNode node) {
        Set<String> unknown = new HashSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || !node.path("id").isInt() || !node.path("title").isTextual()
                || !node.path("facts").isObject() || !node.path("expected").isObject()) {
            throw new IllegalArgumentException(file + ": a scenario has an integer id, a title, facts and expected"
                    + (unknown.isEmpty() ? "" : "; unknown keys " + unknown));
        }
        List<String> proves = new ArrayList<>();
        node.path("proves").forEach(p -> proves.add(p.asText()));
        ScenarioExpectations.checkShape(file, node.get("expected"));
        return new Scenario(file, node.path("id").asInt(), node.path("title").asText(), List.copyOf(proves),
                node.get("facts"), node.get("expected"));
    }

    public String displayName() {
        return file.replace(".json", "") + ": " + title;
    }
}
