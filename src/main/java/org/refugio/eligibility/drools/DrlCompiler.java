package org.refugio.eligibility.drools;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles DRL text into a KieBase and reads the metadata every rule must carry. Shared by every rule entry
 * point (eligibility, provider choice) so that all rules are held to the same metadata discipline.
 */
public final class DrlCompiler {

    private static final String SOURCE_ROOT = "src/main/resources/rules/";

    private DrlCompiler() {
    }

    public static KieBase compile(Map<String, String> drlByPath) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.refugio", "ruleset",
                Integer.toHexString(drlByPath.hashCode()) + "-" + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        // Under rules/ so that Drools' package-and-folder advice holds (packages are rules.*).
        drlByPath.forEach((path, drl) -> kfs.write(SOURCE_ROOT + path, drl));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the ruleset does not compile: " + errors);
        }
        return ks.newKieContainer(releaseId).getKieBase();
    }

    /** Package and name: unique within a KieBase. */
    public static String key(Rule rule) {
        return rule.getPackageName() + "/" + rule.getName();
    }

    public static String stage(Rule rule) {
        return ((RuleImpl) rule).getAgendaGroup();
    }

    public static String file(Rule rule) {
        return rule instanceof RuleImpl impl && impl.getResource() != null
                ? impl.getResource().getSourcePath().replaceFirst("^" + SOURCE_ROOT, "") : null;
    }

    /** @throws IllegalArgumentException naming the missing metadata */
    public static String required(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("missing @" + key);
        }
        return unquote(value.toString());
    }

    public static String tag(Map<String, Object> meta) {
        String tag = required(meta, "tag");
        if (!tag.matches("[VSU]")) {
            throw new IllegalArgumentException("@tag must be V, S or U");
        }
        return tag;
    }

    public static String text(Map<String, Object> meta, String key, String otherwise) {
        Object value = meta.get(key);
        return value == null ? otherwise : unquote(value.toString());
    }

    /** {@code @amends("K-01, K-02")}: the amendment items a rule implements, checked for their form. */
    public static java.util.List<String> amendments(Map<String, Object> meta) {
        Object value = meta.get("amends");
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<String> items = java.util.Arrays.stream(unquote(value.toString()).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String item : items) {
            if (!item.matches("K-\\d{2}")) {
                throw new IllegalArgumentException("@amends names items as K-NN, not \"" + item + "\"");
            }
        }
        return items;
    }

    public static LocalDate date(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : LocalDate.parse(unquote(value.toString()));
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
