package org.refugio.audit.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.refugio.ruleset.RulesetFiles;

/**
 * A rule change for the tests: MX-02 no longer rules out a person who is not in Mexico but asks where they are
 * (a plausible, wrong edit). For someone who is not a Mexican national and is in the U.S., the humanitarian
 * visitor program changes from NOT_ELIGIBLE to something else.
 */
public final class ChangedRules {

    public static final String FILE = "mexico/mexico.drl";
    static final String BEFORE = "notEligible(kcontext, \"mx-02.not-in-mexico\");";
    static final String AFTER = "needsInfo(kcontext, \"mx-02.location-unknown\").ask(\"ask.current-location\");";

    private ChangedRules() {
    }

    public static String changedMexicoDrl() {
        String drl = RulesetFiles.fromClasspath("rules").text(FILE);
        if (!drl.contains(BEFORE)) {
            throw new IllegalStateException("the test's rule change no longer applies to " + FILE);
        }
        return drl.replace(BEFORE, AFTER);
    }

    static String changedVersionProperties(String version) {
        return RulesetFiles.fromClasspath("rules").text("ruleset.properties")
                .replaceAll("(?m)^version=.*$", "version=" + version);
    }

    static RulesetFiles changed(String version) {
        Map<String, byte[]> files = new TreeMap<>(RulesetFiles.fromClasspath("rules").files());
        files.put(FILE, changedMexicoDrl().getBytes(StandardCharsets.UTF_8));
        files.put("ruleset.properties", changedVersionProperties(version).getBytes(StandardCharsets.UTF_8));
        return new RulesetFiles(files);
    }

    /** Writes a ruleset to a directory, as an operator would deploy it. */
    static Path write(RulesetFiles files, Path dir) {
        try {
            for (Map.Entry<String, byte[]> f : files.files().entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A person who is not Mexican and is in the U.S.: MX-02 decides on where they are. */
    public static final String GUATEMALAN_IN_TEXAS = """
            {"asOfDate": "2026-11-20",
             "person": {"ageEstimate": 30, "citizenship": "NONCITIZEN", "nationality": "GT",
                        "currentLocation": {"country": "US", "usState": "TX"}},
             "victimizations": [{"kind": "LABOR", "actions": ["OBTAIN"], "means": ["THREATS"],
                                 "purposes": ["DEBT_BONDAGE"], "startDate": "2025-01-01", "endDate": "2025-06-30",
                                 "places": [{"country": "MX"}], "qualifyingCrimes": ["TRAFFICKING"]}]}
            """;
}
