package org.refugio.eligibility.facts;

/**
 * One INA 212(a) ground, its code normalised to the statute's form, e.g. {@code 212(a)(6)(A)(i)}.
 */
public record Ground(int index, String subject, String code, Boolean causedByVictimization) {

    /**
     * True when this ground is the named paragraph or one of its subparagraphs: 212(a)(3)(E) contains
     * 212(a)(3)(E)(ii), but 212(a)(3)(E)(i) does not.
     */
    public boolean within(String paragraph) {
        return code != null && (code.equals(paragraph) || code.startsWith(paragraph + "("));
    }
}
