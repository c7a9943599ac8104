package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * HHS letters and requests.
 *
 * @param under18OnRfaReceipt the person was under 18 on the day HHS received the RFA (HHS-E-01)
 */
public record HhsFacts(RfaStatus rfaStatus, LocalDate rfaReceivedDate, Boolean under18OnRfaReceipt,
                       Set<HhsLetter> lettersHeld, Boolean seekingHhsCertification) {

    public boolean holds(HhsLetter letter) {
        return lettersHeld != null && lettersHeld.contains(letter);
    }
}
