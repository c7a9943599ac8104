package org.refugio.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.info.GitProperties;

/** The engine build a decision records, from the git.properties of the build (issue 13 item 4). */
class EngineBuildTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void theFullCommitIsTheBuildAndUncommittedChangesSaySo() {
        assertThat(new EngineBuild(git(COMMIT, "false")).id()).contains(COMMIT);
        assertThat(new EngineBuild(git(COMMIT, "true")).id()).contains(COMMIT + "-dirty");
    }

    @Test
    void aBuildOutsideAGitCheckoutRecordsNothing() {
        EngineBuild none = new EngineBuild((GitProperties) null);
        assertThat(none.id()).isEmpty();
        assertThat(none.describe()).isEqualTo(EngineBuild.UNKNOWN);
        assertThat(new EngineBuild(new GitProperties(new Properties())).id()).isEmpty();
    }

    private static GitProperties git(String commit, String dirty) {
        Properties p = new Properties();
        p.setProperty("commit.id.full", commit);
        p.setProperty("commit.id.abbrev", commit.substring(0, 7));
        p.setProperty("dirty", dirty);
        return new GitProperties(p);
    }
}
