package org.refugio.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.refugio.eligibility.EligibilityEngine;
import org.refugio.eligibility.PovertyGuidelines;
import org.refugio.eligibility.ProgramStructure;
import org.refugio.eligibility.RuleInfo;
import org.refugio.eligibility.drools.DroolsEligibilityEngine;
import org.refugio.explanation.Messages;

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

    private Ruleset(RulesetFiles files) {
        this.files = files;
        this.version = properties(files.text("ruleset.properties")).getProperty("version");
        this.legalSources = LegalSources.parse(files.text("legal-sources.yaml"));
        this.messages = new Messages(files.text("messages/messages_en.properties"),
                files.text("messages/messages_es.properties"));
        this.structure = ProgramStructureReader.parse(files.text("programs.yaml"));
        this.povertyGuidelines = PovertyGuidelines.parse(files.text("parameters/poverty-guidelines.csv"));
        Map<String, String> drl = new LinkedHashMap<>();
        files.files().keySet().stream().filter(p -> p.endsWith(".drl")).forEach(p -> drl.put(p, files.text(p)));
        this.engine = new DroolsEligibilityEngine(drl, structure, povertyGuidelines);
        for (RuleInfo rule : engine.rules()) {
            if (!legalSources.knows(rule.ruleId())) {
                throw new IllegalStateException("rule \"" + rule.name() + "\" cites " + rule.ruleId()
                        + ", which legal-sources.yaml does not list");
            }
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
