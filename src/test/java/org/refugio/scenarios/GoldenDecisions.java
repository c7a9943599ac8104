package org.refugio.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The full decision of each public scenario, kept under src/test/resources/golden/ and compared on every run, so a
 * change to any criterion, citation, tag, explanation, follow-up or referral of those cases shows up in review as a
 * diff of these files. Left out: what differs between two runs of the same facts (the decision's id and time) and
 * the ruleset's identity (version and hash change with every edit of rules/, which the diff itself shows).
 * <p>
 * {@code -Drefugio.golden.update=true} rewrites the files from the current rules instead of comparing
 * ({@code ./mvnw test -Dtest=RulesetScenariosTest -Drefugio.golden.update=true}); review {@code git diff
 * src/test/resources/golden} before committing them.
 */
public final class GoldenDecisions {

    public static final Path DIRECTORY = Path.of("src/test/resources/golden");
    public static final String UPDATE_SWITCH = "refugio.golden.update";
    private static final int MAX_LISTED = 40;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenDecisions() {
    }

    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_SWITCH);
    }

    /** The decision as it is kept: without id, decidedAt and ruleset. */
    public static JsonNode normalized(JsonNode decision) {
        ObjectNode copy = decision.deepCopy();
        copy.remove(List.of("id", "decidedAt", "ruleset"));
        return copy;
    }

    public static Path file(Scenario scenario) {
        return DIRECTORY.resolve(scenario.file());
    }

    /**
     * Compares the decision with the scenario's golden file (or rewrites the file when updating) and returns the
     * differences, each with its JSON Pointer; empty when they match.
     */
    public static List<String> check(Scenario scenario, JsonNode decision) {
        JsonNode actual = normalized(decision);
        Path file = file(scenario);
        try {
            if (updating()) {
                Files.createDirectories(DIRECTORY);
                Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
                return List.of();
            }
            if (!Files.exists(file)) {
                return List.of(file + " is missing; run with -D" + UPDATE_SWITCH + "=true to write it, then review it");
            }
            JsonNode golden = JSON.readTree(file.toFile());
            List<String> differences = new ArrayList<>();
            diff("", golden, actual, differences);
            if (differences.size() > MAX_LISTED) {
                int more = differences.size() - MAX_LISTED;
                differences = new ArrayList<>(differences.subList(0, MAX_LISTED));
                differences.add("… and " + more + " more");
            }
            if (!differences.isEmpty()) {
                differences.add(0, "the decision differs from " + file + " (golden → now). If the change is intended,"
                        + " run with -D" + UPDATE_SWITCH + "=true and review git diff " + DIRECTORY);
            }
            return differences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Golden files with no public scenario behind them (a renamed or removed scenario). */
    public static List<Path> orphans(List<Scenario> scenarios) {
        if (!Files.isDirectory(DIRECTORY)) {
            return List.of();
        }
        List<Path> expected = scenarios.stream().map(GoldenDecisions::file).toList();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".json")).filter(p -> !expected.contains(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void diff(String pointer, JsonNode golden, JsonNode actual, List<String> out) {
        if (golden.equals(actual)) {
            return;
        }
        if (golden.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            golden.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!actual.has(name)) {
                    out.add(child + ": removed (was " + brief(golden.get(name)) + ")");
                } else if (!golden.has(name)) {
                    out.add(child + ": added " + brief(actual.get(name)));
                } else {
                    diff(child, golden.get(name), actual.get(name), out);
                }
            }
            return;
        }
        if (golden.isArray() && actual.isArray()) {
            int common = Math.min(golden.size(), actual.size());
            for (int i = 0; i < common; i++) {
                diff(pointer + "/" + i, golden.get(i), actual.get(i), out);
            }
            for (int i = common; i < golden.size(); i++) {
                out.add(pointer + "/" + i + ": removed (was " + brief(golden.get(i)) + ")");
            }
            for (int i = common; i < actual.size(); i++) {
                out.add(pointer + "/" + i + ": added " + brief(actual.get(i)));
            }
            return;
        }
        out.add((pointer.isEmpty() ? "/" : pointer) + ": " + brief(golden) + " → " + brief(actual));
    }

    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 297) + "…" : text;
    }

    /** Every key of an object, for tests. */
    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
