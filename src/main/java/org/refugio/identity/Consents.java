package org.refugio.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The consents of each case; a withdrawal is recorded, never deleted. */
@Repository
public class Consents {

    private final JdbcTemplate jdbc;

    Consents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Consent c) {
        jdbc.update("insert into consent (id, case_id, scope, given_by, signed_on, expires_on, provider_id,"
                        + " document_reference, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.caseId(), c.scope(), c.givenBy(), c.signedOn(), c.expiresOn(), c.providerId(),
                c.documentReference(), c.recordedBy(), Timestamp.from(c.recordedAt()));
    }

    /** @return false when the consent was already withdrawn */
    public boolean withdraw(UUID caseId, UUID consentId, String actor, Instant at) {
        return jdbc.update("update consent set withdrawn_by = ?, withdrawn_at = ? where case_id = ? and id = ?"
                + " and withdrawn_at is null", actor, Timestamp.from(at), caseId, consentId) == 1;
    }

    /**
     * Erases what could identify the person in a case's consents (the document reference, free text) when the case
     * is purged under the retention policy; scope, dates and who recorded or withdrew them stay.
     */
    public int erasePersonalData(UUID caseId) {
        return jdbc.update("update consent set document_reference = null where case_id = ?", caseId);
    }

    public Optional<Consent> find(UUID caseId, UUID consentId) {
        return jdbc.query("select * from consent where case_id = ? and id = ?", Consents::row, caseId, consentId)
                .stream().findFirst();
    }

    public List<Consent> ofCase(UUID caseId) {
        return jdbc.query("select * from consent where case_id = ? order by recorded_at desc", Consents::row, caseId);
    }

    /** The consent, if any, that lets this case's identity go to this provider today (the most recent one). */
    public Optional<Consent> sharingWith(UUID caseId, UUID providerId, LocalDate today) {
        return ofCase(caseId).stream().filter(c -> c.allowsSharingWith(providerId, today)).findFirst();
    }

    private static Consent row(ResultSet rs, int n) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Consent(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getString("scope"),
                rs.getString("given_by"), rs.getObject("signed_on", LocalDate.class),
                rs.getObject("expires_on", LocalDate.class), rs.getObject("provider_id", UUID.class),
                rs.getString("document_reference"), rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("withdrawn_by"),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
