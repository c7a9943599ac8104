package org.refugio.ruleset;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;

import org.refugio.api.RulesetsApi;
import org.refugio.api.model.Citation;
import org.refugio.api.model.ParameterDescription;
import org.refugio.api.model.RuleDescription;
import org.refugio.api.model.RulesetDescription;
import org.refugio.api.model.VerificationTag;
import org.refugio.eligibility.RuleInfo;
import org.refugio.routing.drools.DroolsProviderMatcher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RulesetController implements RulesetsApi {

    private final Rulesets rulesets;
    private final Clock clock;

    RulesetController(Rulesets rulesets, Clock clock) {
        this.rulesets = rulesets;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<RulesetDescription> getCurrentRuleset(LocalDate asOfDate) {
        Ruleset ruleset = rulesets.current();
        LocalDate asOf = asOfDate != null ? asOfDate : LocalDate.now(clock);
        RulesetDescription description = new RulesetDescription()
                .version(ruleset.version())
                .sha256(ruleset.sha256())
                .asOfDate(asOf)
                .files(ruleset.files().files().keySet().stream().toList());
        ruleset.allRules().stream()
                .sorted(Comparator.comparing(RuleInfo::file, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(RuleInfo::ruleId).thenComparing(RuleInfo::name))
                .forEach(rule -> description.addRulesItem(new RuleDescription()
                        .name(rule.name())
                        .ruleId(rule.ruleId())
                        .program(rule.program() != null ? rule.program().name()
                                : rule.derivative() != null ? "DERIVATIVE_" + rule.derivative().name()
                                : rule.stage().equals(ruleset.structure().referralStage()) ? "LEGAL_AID_REFERRAL"
                                : rule.stage().equals(DroolsProviderMatcher.STAGE) ? "PROVIDER_CHOICE"
                                : "DERIVATIVES")
                        .criterion(rule.criterion())
                        .informational(rule.informational() ? Boolean.TRUE : null)
                        .file(rule.file())
                        .verificationTag(VerificationTag.fromValue(rule.tag()))
                        .effectiveFrom(rule.effectiveFrom())
                        .effectiveUntil(rule.effectiveUntil())
                        .amendments(rule.amendments())
                        .citation(ruleset.legalSources().citation(rule.ruleId(), asOf))
                        .citationHistory(ruleset.legalSources().history(rule.ruleId()).stream()
                                .map(c -> new Citation().effectiveFrom(c.from()).effectiveUntil(c.until()).text(c.text()))
                                .toList())));
        ruleset.povertyGuidelines().rows().forEach(row -> description.addParametersItem(new ParameterDescription()
                .name("poverty-guideline " + row.region() + " base " + row.base() + " + " + row.increment() + " per added person")
                .effectiveFrom(row.effectiveFrom())
                .source(row.source())
                .verificationTag(VerificationTag.fromValue(row.tag()))));
        return ResponseEntity.ok(description);
    }
}
