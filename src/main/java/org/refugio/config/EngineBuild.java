package org.refugio.config;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;

/**
 * The engine build that makes decisions (issue 13 item 4): the git commit this service was built from, read from
 * the git.properties the build writes (git-commit-id-maven-plugin, beside spring-boot's build-info), with "-dirty"
 * when it was built from uncommitted changes. A decision records it next to the ruleset hash, so a replay can say
 * whether the code around the rules changed too. A build made outside a git checkout has none ({@link #id()} empty).
 */
@Component
public class EngineBuild {

    /** What a build without a known commit calls itself where a value is needed. */
    public static final String UNKNOWN = "unknown";

    private final String id;

    @Autowired
    public EngineBuild(ObjectProvider<GitProperties> git) {
        this(git.getIfAvailable());
    }

    EngineBuild(GitProperties git) {
        this.id = of(git);
    }

    static String of(GitProperties git) {
        if (git == null) {
            return null;
        }
        String commit = git.get("commit.id.full");
        if (commit == null || commit.isBlank()) {
            commit = git.getCommitId();
        }
        if (commit == null || commit.isBlank()) {
            return null;
        }
        return "true".equals(git.get("dirty")) ? commit + "-dirty" : commit;
    }

    /** The build's commit, "-dirty" when built from uncommitted changes; empty when not known. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The id, or {@value #UNKNOWN}. */
    public String describe() {
        return id == null ? UNKNOWN : id;
    }
}
