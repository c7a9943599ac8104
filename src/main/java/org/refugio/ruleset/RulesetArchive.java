package org.refugio.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every ruleset that made a decision, kept by content hash in the ruleset_version table (append-only) as a
 * ZIP of its files, so a decision can be re-evaluated with the exact law it was made under, years later.
 */
@Repository
public class RulesetArchive {

    public record Kept(String sha256, String version, Instant firstUsedAt, int fileCount) { }

    private final JdbcTemplate jdbc;

    RulesetArchive(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean has(String sha256) {
        Integer n = jdbc.queryForObject("select count(*) from ruleset_version where sha256 = ?", Integer.class, sha256);
        return n != null && n > 0;
    }

    void keep(Ruleset ruleset, Instant now) {
        if (has(ruleset.sha256())) {
            return;
        }
        try {
            jdbc.update("insert into ruleset_version (sha256, version, first_used_at, file_count, files)"
                            + " values (?, ?, ?, ?, ?)",
                    ruleset.sha256(), ruleset.version(), Timestamp.from(now), ruleset.files().files().size(),
                    zip(ruleset.files().files()));
        } catch (DuplicateKeyException alreadyKeptByAnotherInstance) {
            // Another instance started with the same rules at the same moment: the content is the same by hash.
        }
    }

    /** The files of a kept ruleset; the hash is recomputed, so a damaged archive is refused rather than used. */
    Optional<RulesetFiles> load(String sha256) {
        return jdbc.query("select files from ruleset_version where sha256 = ?", (rs, n) -> rs.getBytes(1), sha256)
                .stream().findFirst().map(zip -> {
                    RulesetFiles files = new RulesetFiles(unzip(zip));
                    if (!files.sha256().equals(sha256)) {
                        throw new IllegalStateException("kept ruleset " + sha256 + " no longer has that content (hash "
                                + files.sha256() + ")");
                    }
                    return files;
                });
    }

    List<Kept> list() {
        return jdbc.query("select sha256, version, first_used_at, file_count from ruleset_version order by first_used_at, sha256",
                (rs, n) -> new Kept(rs.getString(1).trim(), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getInt(4)));
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] archive) {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
