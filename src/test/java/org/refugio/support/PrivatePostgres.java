package org.refugio.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL server of a test's own (initdb in a temporary directory, on a free port), so the test can stop the
 * server itself without taking the shared test database from every other test. Uses the installed server
 * binaries (Debian's /usr/lib/postgresql/N/bin); as root it runs them as the {@code postgres} user, since the
 * server refuses to run as root.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private Path smallDisk;

    private PrivatePostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The server binaries of the newest installed PostgreSQL, if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static PrivatePostgres create() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries found"));
        Path dir = Files.createTempDirectory("refugio-private-pg");
        PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort());
        if (isRoot()) {
            pg.run("chown", "-R", "postgres:postgres", dir.toString());
        }
        pg.runAsServerUser(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", "postgres", "--no-sync");
        pg.start();
        return pg;
    }

    /**
     * For a Spring test's {@code @DynamicPropertySource}: a server of the test's own as its datasource. Null where
     * this machine has no server binaries and the run does not require PostgreSQL (REFUGIO_REQUIRE_POSTGRES, as CI
     * sets it): the test then skips, its context on the shared test database. Where it is required and cannot
     * start, this fails, so CI never skips it.
     */
    public static PrivatePostgres startAsDataSource(DynamicPropertyRegistry registry)
            throws IOException, InterruptedException, SQLException {
        return startAsDataSource(registry, 0);
    }

    /**
     * As {@link #startAsDataSource(DynamicPropertyRegistry)}, with its tables on a disk of {@code megabytes} of their
     * own ({@link #useSmallDisk}); that needs root, so without root it is null too where not required.
     */
    public static PrivatePostgres startAsDataSourceOnSmallDisk(DynamicPropertyRegistry registry, int megabytes)
            throws IOException, InterruptedException, SQLException {
        return startAsDataSource(registry, megabytes);
    }

    private static PrivatePostgres startAsDataSource(DynamicPropertyRegistry registry, int smallDiskMegabytes)
            throws IOException, InterruptedException, SQLException {
        TestDatabase.register(registry);
        boolean required = "true".equals(System.getenv("REFUGIO_REQUIRE_POSTGRES"));
        boolean possible = binaries().isPresent() && (smallDiskMegabytes == 0 || isRoot());
        if (!possible && !required) {
            return null;
        }
        PrivatePostgres server = create();
        try {
            if (smallDiskMegabytes > 0) {
                server.useSmallDisk(smallDiskMegabytes);
            }
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            try {
                server.close();
            } catch (IOException | InterruptedException | RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        registry.add("spring.datasource.url", server::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public void start() throws IOException, InterruptedException {
        runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-w",
                "-l", dataDir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** The server stops at once, as on a crash: no checkpoint, every connection cut; it recovers on the next start. */
    public void crash() throws IOException, InterruptedException {
        runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m",
                "immediate", "-w", "stop");
    }

    /**
     * Puts every table created from now on in a tablespace on a disk of its own of {@code megabytes} (a tmpfs; needs
     * root), as a database whose data disk can fill up while its write-ahead log still has room.
     */
    public void useSmallDisk(int megabytes) throws IOException, InterruptedException, SQLException {
        if (!isRoot()) {
            throw new IllegalStateException("a disk of the test's own needs root (mount -t tmpfs)");
        }
        smallDisk = dataDir.resolve("small-disk");
        Files.createDirectories(smallDisk);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "refugio-small-disk", smallDisk.toString());
        run("mkdir", "-p", smallDisk.resolve("tablespace").toString());
        run("chown", "-R", "postgres:postgres", smallDisk.toString());
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("create tablespace small_disk location '" + smallDisk.resolve("tablespace") + "'");
            statement.execute("alter database postgres set default_tablespace = small_disk");
        }
    }

    /** Fills the small disk to the last byte with a file of no use (as another program writing to it would). */
    public void fillSmallDisk() throws IOException, InterruptedException {
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + smallDisk.resolve("filler"), "bs=64k")
                .redirectErrorStream(true).start();
        dd.getInputStream().readAllBytes();
        dd.waitFor(); // dd ends with "No space left on device": that is the point
    }

    public void freeSmallDisk() throws IOException, InterruptedException {
        run("rm", "-f", smallDisk.resolve("filler").toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m",
                    "immediate", "-w", "stop");
        } catch (IllegalStateException alreadyStopped) {
            // Nothing to stop.
        }
        if (smallDisk != null) {
            run("umount", smallDisk.toString());
        }
        run("rm", "-rf", dataDir.toString());
    }

    private void runAsServerUser(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
