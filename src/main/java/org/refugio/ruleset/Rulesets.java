package org.refugio.ruleset;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.refugio.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one place that loads rules: the ruleset in force, compiled once at start-up and kept in the archive before
 * it can make a decision; any kept ruleset by its hash (for replay); and candidate rulesets (for impact analyses).
 * Compiled rulesets other than the current one are cached by hash, a few at a time: each holds a KieBase.
 *
 * <p>Compiling the ruleset in force is the longest step of start-up (BENCHMARKS.md, issue 14 item 5), and needs
 * nothing but the files and the archive; so it runs on a thread of its own while the rest of the application
 * (workflow engine, web layer) starts, and start-up waits for it once every bean is built, before the server
 * takes requests. A ruleset that does not compile still stops start-up, with the same exception.
 */
@Component
public class Rulesets implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Rulesets.class);

    private final CompletableFuture<Ruleset> current = new CompletableFuture<>();
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
        RulesetFiles files = directory.isBlank() ? RulesetFiles.fromClasspath("rules")
                : RulesetFiles.fromDirectory(Path.of(directory));
        // A thread created here inherits this one's context class loader, which Drools loads the fact classes with.
        Thread compiler = new Thread(() -> compileCurrent(files, clock), "ruleset-compiler");
        compiler.setDaemon(true);
        compiler.start();
    }

    private void compileCurrent(RulesetFiles files, Clock clock) {
        try {
            long start = System.nanoTime();
            Ruleset ruleset = Ruleset.compile(files);
            log.info("Ruleset {} ({}) compiled: {} rules in {} ms", ruleset.version(), ruleset.sha256(),
                    ruleset.allRules().size(), (System.nanoTime() - start) / 1_000_000);
            archive.keep(ruleset, clock.instant());
            kept.add(ruleset.sha256());
            current.complete(ruleset);
        } catch (Throwable e) {
            current.completeExceptionally(e);
        }
    }

    /** Start-up ends only once the ruleset in force is compiled and kept; if it cannot be, start-up fails. */
    @Override
    public void afterSingletonsInstantiated() {
        current();
    }

    /** The ruleset in force; waits while it is still being compiled at start-up. */
    public Ruleset current() {
        try {
            return current.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * A kept ruleset by content hash: the current one, or one from the archive compiled on demand.
     *
     * @throws NotFoundException when no ruleset with that hash was ever kept
     */
    public Ruleset byHash(String sha256) {
        Ruleset current = current();
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
        Ruleset current = current();
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
        current();
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
