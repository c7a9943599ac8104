package org.refugio.ruleset;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The one place that loads rules: the ruleset in force, compiled once at start-up. */
@Component
public class Rulesets {

    private static final Logger log = LoggerFactory.getLogger(Rulesets.class);

    private final Ruleset current;

    public Rulesets(@Value("${refugio.rules.directory:}") String directory) {
        long start = System.nanoTime();
        RulesetFiles files = directory.isBlank() ? RulesetFiles.fromClasspath("rules")
                : RulesetFiles.fromDirectory(Path.of(directory));
        this.current = Ruleset.compile(files);
        log.info("Ruleset {} ({}) compiled: {} rules in {} ms", current.version(), current.sha256(),
                current.allRules().size(), (System.nanoTime() - start) / 1_000_000);
    }

    public Ruleset current() {
        return current;
    }
}
