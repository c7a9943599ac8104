package org.refugio.eligibility;

import java.util.List;

import org.refugio.eligibility.facts.CaseFacts;

/** Applies a ruleset to one person's facts, as of the screening date those facts carry. */
public interface EligibilityEngine {

    Evaluation evaluate(CaseFacts facts);

    /** Every rule of the ruleset with what it declares about itself. */
    List<RuleInfo> rules();
}
