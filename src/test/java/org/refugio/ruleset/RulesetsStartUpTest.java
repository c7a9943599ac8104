package org.refugio.ruleset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ruleset in force compiles on a thread of its own while the rest of the application starts (issue 14 item
 * 5): a ruleset that does not compile must still stop start-up, with the compiler's own message, and must never
 * be handed out.
 */
class RulesetsStartUpTest {

    @Test
    void aRulesetThatDoesNotCompileStopsStartUpAndIsNeverHandedOut(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, byte[]> file : RulesetFiles.fromClasspath("rules").files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Files.writeString(dir.resolve("mexico/broken.drl"), "package rules.mexico;\nrule \"broken\"\nwhen\n"
                + "  NoSuchFact( )\nthen\nend\n", StandardCharsets.UTF_8);
        // No database: a ruleset that does not compile never reaches the archive.
        Rulesets rulesets = new Rulesets(dir.toString(), 4, new RulesetArchive(null), Clock.systemUTC());

        assertThatThrownBy(rulesets::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not compile");
        assertThatThrownBy(rulesets::current)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not compile");
    }
}
