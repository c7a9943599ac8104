package org.refugio.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service in its own JVM, on the test PostgreSQL, trusting the test tokens: it can be killed
 * (SIGKILL, no shutdown hooks) and started again on the same database.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Path jar;
    private final int port;
    private final Path log;
    private final List<String> settings;
    private Process process;

    /** @param settings extra {@code --name=value} arguments, e.g. shorter deadlines for a test to wait out */
    public ServiceProcess(Path log, String... settings) throws IOException {
        this.jar = packagedJar();
        this.port = freePort();
        this.log = log;
        this.settings = List.of(settings);
    }

    public int port() {
        return port;
    }

    public void start() throws IOException, InterruptedException {
        String[] pg = TestDatabase.postgresAddress();
        List<String> command = new ArrayList<>(List.of(
                // The JVM settings the image and the benchmarks use, so the reliability suite runs the service as deployed.
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("deploy", "jvm.options").toAbsolutePath(), "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://" + pg[0] + ":" + pg[1] + "/" + pg[2],
                "--spring.datasource.username=" + System.getenv().getOrDefault("REFUGIO_TEST_DB_USER", "postgres"),
                "--spring.datasource.password=" + System.getenv().getOrDefault("REFUGIO_TEST_DB_PASSWORD", "")));
        command.addAll(List.of(TestDeployment.arguments()));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        // A patient bound, not a measurement: start-up takes ~20 s on a quiet machine, but a loaded CI host has been
        // seen taking over two minutes to compile the ruleset alone.
        long deadline = System.nanoTime() + Duration.ofSeconds(360).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    /** kill -9: no graceful shutdown, in-flight requests are cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static Path packagedJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("refugio-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run ./mvnw verify: no packaged jar"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
