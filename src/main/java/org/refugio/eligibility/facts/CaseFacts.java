package org.refugio.eligibility.facts;

import java.util.List;

/** Every fact of one screening, as the rules see them. Singletons are never null (empty when unknown). */
public record CaseFacts(Screening screening, Person person, List<Victimization> victimizations,
                        List<Departure> departures, LawEnforcement lawEnforcement, TProcess tProcess,
                        List<HardshipFactor> hardshipFactors, Admissibility admissibility, List<Ground> grounds,
                        UVisaFacts uVisa, List<FamilyMember> family, HhsFacts hhs, Money money,
                        List<LegalMatter> legalMatters, MexicoFacts mexico, DerivativeOf derivativeOf,
                        UsCitizenRelative usCitizenRelative) { }
