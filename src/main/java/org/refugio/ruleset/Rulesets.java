package org.refugio.ruleset;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.refugio.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one place that loads rules: the ruleset in force, compiled once at start-up and kept in the archive before
 * it can make a decision; any kept ruleset by its hash (for replay); and candidate rulesets (for impact analyses).
 * Compiled rulesets other than the current one are cached by hash, a few at a time: each holds a KieBase.
 */
@Component
public class Rulesets {

    private static final Logger log = LoggerFactory.getLogger(Rulesets.class);

    private final Ruleset current;
    private final RulesetArchive archive;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    private final Map<String, Ruleset> compiled;

    public Rulesets(@Value("${refugio.rules.directory:}") String directory,
                    @Value("${refugio.rules.cache-size:4}") int cacheSize, RulesetArchive archive, Clock clock) {
        this.archive = archive;
        this.compiled = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
                return size() > cacheSize;
            }
        };
        long start = System.nanoTime();
        RulesetFiles files = directory.isBlank() ? RulesetFiles.fromClasspath("rules")
                : RulesetFiles.fromDirectory(Path.of(directory));
        this.current = Ruleset.compile(files);
        log.info("Ruleset {} ({}) compiled: {} rules in {} ms", current.version(), current.sha256(),
                current.allRules().size(), (System.nanoTime() - start) / 1_000_000);
        archive.keep(current, clock.instant());
        kept.add(current.sha256());
    }

    public Ruleset current() {
        return current;
    }

    /**
     * A kept ruleset by content hash: the current one, or one from the archive compiled on demand.
     *
     * @throws NotFoundException when no ruleset with that hash was ever kept
     */
    public Ruleset byHash(String sha256) {
        if (current.sha256().equals(sha256)) {
            return current;
        }
        synchronized (compiled) {
            Ruleset cached = compiled.get(sha256);
            if (cached != null) {
                return cached;
            }
        }
        RulesetFiles files = archive.load(sha256)
                .orElseThrow(() -> new NotFoundException("No ruleset with sha256 " + sha256 + " was ever kept."));
        return cache(files);
    }

    /** Compiles a candidate ruleset (or finds it compiled already); nothing is kept: candidates make no decisions. */
    public Ruleset compile(RulesetFiles files) {
        if (current.sha256().equals(files.sha256())) {
            return current;
        }
        synchronized (compiled) {
            Ruleset cached = compiled.get(files.sha256());
            if (cached != null) {
                return cached;
            }
        }
        return cache(files);
    }

    /**
     * Makes sure a ruleset named by a record is in the archive.
     *
     * @throws IllegalArgumentException when the hash names no ruleset the service knows
     */
    public void keep(String sha256) {
        if (kept.contains(sha256)) {
            return;
        }
        if (!archive.has(sha256)) {
            throw new IllegalArgumentException("ruleset " + sha256 + " is not kept: only kept rulesets can be recorded");
        }
        kept.add(sha256);
    }

    public List<RulesetArchive.Kept> kept() {
        return archive.list();
    }

    private Ruleset cache(RulesetFiles files) {
        long start = System.nanoTime();
        Ruleset ruleset = Ruleset.compile(files);
        log.info("Ruleset {} ({}) compiled on demand in {} ms", ruleset.version(), ruleset.sha256(),
                (System.nanoTime() - start) / 1_000_000);
        synchronized (compiled) {
            compiled.putIfAbsent(ruleset.sha256(), ruleset);
            return compiled.get(ruleset.sha256());
        }
    }
}
