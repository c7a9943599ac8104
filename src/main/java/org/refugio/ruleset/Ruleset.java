package org.refugio.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.refugio.eligibility.EligibilityEngine;
import org.refugio.eligibility.PovertyGuidelines;
import org.refugio.eligibility.ProgramStructure;
import org.refugio.eligibility.RuleInfo;
import org.refugio.eligibility.drools.DroolsEligibilityEngine;
import org.refugio.explanation.Messages;
import org.refugio.routing.ProviderMatcher;
import org.refugio.routing.Ranking;
import org.refugio.routing.drools.DroolsProviderMatcher;

/**
 * A compiled ruleset: the files of rules/, identified by version and content hash, with the engine built
 * from their DRL, the dated citations, the parameter tables and the explanation bundles.
 */
public final class Ruleset {

    private final String version;
    private final RulesetFiles files;
    private final LegalSources legalSources;
    private final Messages messages;
    private final ProgramStructure structure;
    private final PovertyGuidelines povertyGuidelines;
    private final EligibilityEngine engine;
    private final ProviderMatcher providerMatcher;

    /**
     * Provider-choice rules (rules/routing/) get their own KieBase: a screening never pays for them, and the
     * workflow applies them per case against the provider directory.
     */
    static final String ROUTING_DIRECTORY = "routing/";

    private Ruleset(RulesetFiles files) {
        this.files = files;
        this.version = properties(files.text("ruleset.properties")).getProperty("version");
        this.legalSources = LegalSources.parse(files.text("legal-sources.yaml"));
        this.messages = new Messages(files.text("messages/messages_en.properties"),
                files.text("messages/messages_es.properties"));
        this.structure = ProgramStructureReader.parse(files.text("programs.yaml"));
        this.povertyGuidelines = PovertyGuidelines.parse(files.text("parameters/poverty-guidelines.csv"));
        Drl drl = Drl.of(files);
        this.engine = new DroolsEligibilityEngine(drl.eligibility(), structure, povertyGuidelines);
        this.providerMatcher = new DroolsProviderMatcher(drl.routing(),
                Ranking.parse(files.text(ROUTING_DIRECTORY + "ranking.yaml")));
        for (RuleInfo rule : allRules()) {
            if (!legalSources.knows(rule.ruleId())) {
                throw new IllegalStateException("rule \"" + rule.name() + "\" cites " + rule.ruleId()
                        + ", which legal-sources.yaml does not list");
            }
        }
    }

    /** The DRL of a ruleset, by path, in the two maps its two KieBases are compiled from. */
    public record Drl(Map<String, String> eligibility, Map<String, String> routing) {

        public static Drl of(RulesetFiles files) {
            Map<String, String> eligibility = new LinkedHashMap<>();
            Map<String, String> routing = new LinkedHashMap<>();
            files.files().keySet().stream().filter(p -> p.endsWith(".drl")).forEach(p ->
                    (p.startsWith(ROUTING_DIRECTORY) ? routing : eligibility).put(p, files.text(p)));
            return new Drl(eligibility, routing);
        }
    }

    public static Ruleset compile(RulesetFiles files) {
        return new Ruleset(files);
    }

    public String version() { return version; }
    public String sha256() { return files.sha256(); }
    public RulesetFiles files() { return files; }
    public LegalSources legalSources() { return legalSources; }
    public Messages messages() { return messages; }
    public ProgramStructure structure() { return structure; }
    public PovertyGuidelines povertyGuidelines() { return povertyGuidelines; }
    public EligibilityEngine engine() { return engine; }
    public ProviderMatcher providerMatcher() { return providerMatcher; }

    /** Every rule of the ruleset: eligibility, referral and provider choice. */
    public List<RuleInfo> allRules() {
        List<RuleInfo> all = new ArrayList<>(engine.rules());
        all.addAll(providerMatcher.rules());
        return all;
    }

    private static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
