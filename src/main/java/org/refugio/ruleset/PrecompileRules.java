package org.refugio.ruleset;

import java.nio.file.Path;
import java.util.List;

import org.refugio.eligibility.drools.DrlCompiler;

/**
 * A build step (pom.xml, exec-maven-plugin at process-classes), not part of the service: compiles the bundled
 * rules/ as start-up does (the same files from the class path, split into the same two DRL maps) and writes the
 * compiled rules into the class output, so that the jar carries them and start-up reads them instead of compiling
 * (DrlCompiler). Argument: the class output directory (target/classes).
 */
public final class PrecompileRules {

    private PrecompileRules() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PrecompileRules <class output directory>");
        }
        Ruleset.Drl drl = Ruleset.Drl.of(RulesetFiles.fromClasspath("rules"));
        DrlCompiler.precompile(List.of(drl.eligibility(), drl.routing()), Path.of(args[0]));
    }
}
