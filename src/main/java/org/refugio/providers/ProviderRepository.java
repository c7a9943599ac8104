package org.refugio.providers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.refugio.identity.IdentityCipher;
import org.refugio.routing.FundingType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The provider directory's tables. */
@Repository
class ProviderRepository {

    /* A webhook secret lets anyone who holds it forge the service's signature to the provider: it is kept sealed
     * with the identity keys (AES-GCM, bound to the provider's id), never in plain text. */
    private static final String SEALED = "sealed:v1:";

    private final JdbcTemplate jdbc;
    private final IdentityCipher cipher;

    ProviderRepository(JdbcTemplate jdbc, IdentityCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void insert(Provider p) {
        jdbc.update("insert into legal_aid_provider (id, name, funding_type, non_lsc_funds, serves_youth,"
                        + " detention_capable, capacity, intake_contact, active, demo_data, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.name(), p.fundingType().name(), p.nonLscFunds(), p.servesYouth(), p.detentionCapable(),
                p.capacity(), p.intakeContact(), p.active(), p.demoData(), Timestamp.from(p.createdAt()),
                Timestamp.from(p.updatedAt()));
        insertLists(p);
    }

    boolean update(Provider p) {
        int rows = jdbc.update("update legal_aid_provider set name = ?, funding_type = ?, non_lsc_funds = ?,"
                        + " serves_youth = ?, detention_capable = ?, capacity = ?, intake_contact = ?, active = ?,"
                        + " updated_at = ? where id = ?",
                p.name(), p.fundingType().name(), p.nonLscFunds(), p.servesYouth(), p.detentionCapable(), p.capacity(),
                p.intakeContact(), p.active(), Timestamp.from(p.updatedAt()), p.id());
        if (rows == 0) {
            return false;
        }
        jdbc.update("delete from legal_aid_provider_language where provider_id = ?", p.id());
        jdbc.update("delete from legal_aid_provider_region where provider_id = ?", p.id());
        insertLists(p);
        return true;
    }

    boolean deactivate(UUID id, java.time.Instant at) {
        return jdbc.update("update legal_aid_provider set active = false, updated_at = ? where id = ?",
                Timestamp.from(at), id) > 0;
    }

    long count() {
        Long n = jdbc.queryForObject("select count(*) from legal_aid_provider", Long.class);
        return n == null ? 0 : n;
    }

    Optional<Provider> find(UUID id) {
        return select(" where p.id = ?", id).stream().findFirst();
    }

    List<Provider> list(Boolean active) {
        return active == null ? select("") : select(" where p.active = ?", active);
    }

    /**
     * Referrals each provider has open now, by provider: the count kept on its row (V51), not counted. Read at every
     * routing, so a prepared statement with a parameter, which the PostgreSQL driver keeps prepared on the server; as
     * a plain statement it was parsed again at every case (issue 14).
     */
    Map<UUID, Integer> openReferrals() {
        Map<UUID, Integer> open = new HashMap<>();
        jdbc.query("select id, open_referrals from legal_aid_provider where open_referrals > ?", rs -> {
            open.put(rs.getObject("id", UUID.class), rs.getInt("open_referrals"));
        }, 0);
        return open;
    }

    /**
     * Changes a provider's count of open referrals by {@code delta}, in the caller's transaction (the one that
     * changes the referral's status). The row lock it takes is the one {@link #lockOpenSlots} takes; {@link OpenReferralCounts} calls it just before the commit.
     */
    void adjustOpenReferrals(UUID id, int delta) {
        if (jdbc.update("update legal_aid_provider set open_referrals = open_referrals + ? where id = ?", delta, id) != 1) {
            throw new IllegalStateException("no provider " + id + " to count a referral for");
        }
    }

    /** Open places of one provider as last committed, without a lock; empty when unknown or inactive. */
    Optional<Integer> openSlots(UUID id) {
        return jdbc.query("select capacity - open_referrals from legal_aid_provider where id = ? and active = true",
                (rs, n) -> rs.getInt(1), id).stream().findFirst();
    }

    /** Takes {@code places} of a provider unless that would pass its capacity; answers whether it did. */
    boolean takePlaces(UUID id, int places) {
        return jdbc.update("update legal_aid_provider set open_referrals = open_referrals + ? where id = ?"
                + " and open_referrals + ? <= capacity", places, id, places) == 1;
    }

    /**
     * Open places of one provider, read under a lock on its row so that two cases cannot both take its last place.
     * Empty when the provider does not exist or is inactive.
     */
    Optional<Integer> lockOpenSlots(UUID id) {
        return jdbc.query("select capacity - open_referrals from legal_aid_provider where id = ? and active = true"
                + " for update", (rs, n) -> rs.getInt(1), id).stream().findFirst();
    }

    private void insertLists(Provider p) {
        for (String language : p.languages()) {
            jdbc.update("insert into legal_aid_provider_language (provider_id, language) values (?, ?)", p.id(), language);
        }
        for (String region : p.regions()) {
            jdbc.update("insert into legal_aid_provider_region (provider_id, region) values (?, ?)", p.id(), region);
        }
    }

    private List<Provider> select(String where, Object... args) {
        List<Row> rows = jdbc.query("select p.* from legal_aid_provider p" + where + " order by p.name, p.id",
                (rs, n) -> row(rs), args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Set<String>> languages = new HashMap<>();
        Map<UUID, Set<String>> regions = new HashMap<>();
        jdbc.query("select provider_id, language from legal_aid_provider_language", rs -> {
            languages.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getString(2));
        });
        jdbc.query("select provider_id, region from legal_aid_provider_region", rs -> {
            regions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getString(2));
        });
        return rows.stream().map(r -> new Provider(r.id, r.name, r.fundingType, r.nonLscFunds,
                languages.getOrDefault(r.id, Set.of()), regions.getOrDefault(r.id, Set.of()), r.servesYouth,
                r.detentionCapable, r.capacity, r.intakeContact, r.active, r.demoData, r.createdAt, r.updatedAt)).toList();
    }

    private record Row(UUID id, String name, FundingType fundingType, boolean nonLscFunds, boolean servesYouth,
                       boolean detentionCapable, int capacity, String intakeContact, boolean active, boolean demoData,
                       java.time.Instant createdAt, java.time.Instant updatedAt) { }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"),
                FundingType.valueOf(rs.getString("funding_type")), rs.getBoolean("non_lsc_funds"),
                rs.getBoolean("serves_youth"), rs.getBoolean("detention_capable"), rs.getInt("capacity"),
                rs.getString("intake_contact"), rs.getBoolean("active"), rs.getBoolean("demo_data"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** What the directory shows of a provider's channels: whether a secret is set, without opening it. */
    ProviderDirectory.ChannelSettings channelSettings(UUID id) {
        return jdbc.query("select webhook_url, webhook_secret is not null, notice_email from legal_aid_provider"
                        + " where id = ?",
                (rs, n) -> new ProviderDirectory.ChannelSettings(rs.getString(1), rs.getBoolean(2), rs.getString(3)),
                id).stream().findFirst().orElse(new ProviderDirectory.ChannelSettings(null, false, null));
    }

    /** A provider's delivery channels (issue 12); empty when the provider does not exist. */
    Optional<ProviderDirectory.Channels> channels(UUID id, java.time.Instant now) {
        return jdbc.query("select webhook_url, webhook_secret, notice_email, webhook_previous_secret,"
                        + " webhook_previous_until from legal_aid_provider where id = ?",
                (rs, n) -> {
                    Timestamp until = rs.getTimestamp(5);
                    String previous = until != null && until.toInstant().isAfter(now) ? open(rs.getString(4), id) : null;
                    return new ProviderDirectory.Channels(rs.getString(1), open(rs.getString(2), id), rs.getString(3),
                            previous);
                }, id)
                .stream().findFirst();
    }

    /**
     * Sets the channels; a null secret keeps the current one, a different one replaces it and the replaced one
     * keeps signing alongside until {@code previousUntil}.
     */
    void setChannels(UUID id, String webhookUrl, String webhookSecret, String noticeEmail,
                     java.time.Instant previousUntil) {
        jdbc.update("update legal_aid_provider set webhook_url = ?, notice_email = ? where id = ?", webhookUrl,
                noticeEmail, id);
        if (webhookSecret != null) {
            String current = jdbc.queryForObject("select webhook_secret from legal_aid_provider where id = ?",
                    String.class, id);
            if (!webhookSecret.equals(open(current, id))) {
                jdbc.update("update legal_aid_provider set webhook_previous_secret = ?, webhook_previous_until = ?,"
                                + " webhook_secret = ? where id = ?", current == null ? null : seal(open(current, id), id),
                        current == null ? null : Timestamp.from(previousUntil), seal(webhookSecret, id), id);
            }
        }
    }

    /** Seals the secrets stored in plain text before they were sealed (rows from before this version). */
    int sealPlainSecrets() {
        List<Map<String, Object>> plain = jdbc.queryForList("select id, webhook_secret, webhook_previous_secret"
                + " from legal_aid_provider where (webhook_secret is not null and webhook_secret not like '" + SEALED
                + "%') or (webhook_previous_secret is not null and webhook_previous_secret not like '" + SEALED + "%')");
        for (Map<String, Object> row : plain) {
            UUID id = (UUID) row.get("id");
            String current = (String) row.get("webhook_secret");
            String previous = (String) row.get("webhook_previous_secret");
            jdbc.update("update legal_aid_provider set webhook_secret = ?, webhook_previous_secret = ? where id = ?",
                    current == null ? null : seal(open(current, id), id),
                    previous == null ? null : seal(open(previous, id), id), id);
        }
        return plain.size();
    }

    private String seal(String secret, UUID providerId) {
        IdentityCipher.Sealed sealed = cipher.seal(secret, providerId.toString());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return SEALED + sealed.keyId() + ":" + b64.encodeToString(sealed.nonce()) + ":"
                + b64.encodeToString(sealed.ciphertext());
    }

    private String open(String stored, UUID providerId) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored; // stored before secrets were sealed; sealPlainSecrets seals it at start-up
        }
        String[] parts = stored.substring(SEALED.length()).split(":", 3);
        java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
        return cipher.open(new IdentityCipher.Sealed(parts[0], b64.decode(parts[1]), b64.decode(parts[2])),
                providerId.toString());
    }
}
