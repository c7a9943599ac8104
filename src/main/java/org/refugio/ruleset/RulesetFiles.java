package org.refugio.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The content of a rules/ directory: every file by its path relative to rules/, in path order. Its SHA-256
 * is the ruleset's identity, so a decision names exactly the text of the law that made it.
 */
public final class RulesetFiles {

    private final Map<String, byte[]> files;
    private final String sha256;

    public RulesetFiles(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.sha256 = digest(this.files);
    }

    /** The rules/ directory as packaged on the classpath (the embedded default and production). */
    public static RulesetFiles fromClasspath(String root) {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            Resource base = resolver.getResource("classpath:" + root + "/");
            String baseUrl = base.getURL().toString();
            Map<String, byte[]> files = new TreeMap<>();
            for (Resource r : resolver.getResources("classpath:" + root + "/**/*")) {
                if (!r.isReadable() || r.getURL().toString().endsWith("/")) {
                    continue;
                }
                String url = r.getURL().toString();
                if (!url.startsWith(baseUrl)) {
                    continue;
                }
                try (InputStream in = r.getInputStream()) {
                    files.put(url.substring(baseUrl.length()), in.readAllBytes());
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no rules found on the classpath under " + root);
            }
            return new RulesetFiles(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rules directory on disk, e.g. a candidate ruleset for an impact analysis. */
    public static RulesetFiles fromDirectory(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RulesetFiles(files);
    }

    public Map<String, byte[]> files() {
        return files;
    }

    public String text(String path) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new IllegalStateException("ruleset file missing: " + path);
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    public boolean has(String path) {
        return files.containsKey(path);
    }

    public String sha256() {
        return sha256;
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
