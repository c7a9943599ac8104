package org.refugio.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The person's identifying data, sealed per case. Callers hand over and get back the JSON of the contract's
 * PersonIdentity; only this class ever holds it next to the database.
 */
@Repository
public class PersonIdentityVault {

    private final JdbcTemplate jdbc;
    private final IdentityCipher cipher;

    PersonIdentityVault(JdbcTemplate jdbc, IdentityCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void save(UUID caseId, String identityJson, String actor, Instant at) {
        IdentityCipher.Sealed sealed = cipher.seal(identityJson, caseId.toString());
        String nonce = Base64.getEncoder().encodeToString(sealed.nonce());
        String ciphertext = Base64.getEncoder().encodeToString(sealed.ciphertext());
        int updated = jdbc.update("update person_identity set key_id = ?, nonce = ?, ciphertext = ?, updated_at = ?,"
                + " updated_by = ? where case_id = ?", sealed.keyId(), nonce, ciphertext, Timestamp.from(at), actor, caseId);
        if (updated == 0) {
            jdbc.update("insert into person_identity (case_id, key_id, nonce, ciphertext, updated_at, updated_by)"
                    + " values (?, ?, ?, ?, ?, ?)", caseId, sealed.keyId(), nonce, ciphertext, Timestamp.from(at), actor);
        }
    }

    /** Deletes the sealed identity of a case (retention purge of a closed case). @return true if there was one */
    public boolean erase(UUID caseId) {
        return jdbc.update("delete from person_identity where case_id = ?", caseId) > 0;
    }

    public Optional<String> find(UUID caseId) {
        return jdbc.query("select key_id, nonce, ciphertext from person_identity where case_id = ?",
                (rs, n) -> cipher.open(new IdentityCipher.Sealed(rs.getString(1),
                        Base64.getDecoder().decode(rs.getString(2)), Base64.getDecoder().decode(rs.getString(3))),
                        caseId.toString()), caseId).stream().findFirst();
    }
}
