package org.refugio.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.refugio.RefugioApplication;
import org.refugio.reports.Reports;
import org.refugio.security.Role;
import org.refugio.support.TestDeployment;
import org.refugio.support.TestTokens;
import org.refugio.support.TestWebUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Latency of the aggregate reports (issue 13) over a large data set: start the service on the database (Flyway
 * migrates it; the reports' read model is refilled from the stored decisions when empty, timed here), then call
 * every report of {@code GET /api/v1/reports/{name}} and the two report pages, one client at a time, and print p50,
 * p95 and max per call. Not a test: run it by hand (BENCHMARKS.md, issue 13) after bench/reports-dataset.sql.
 * Arguments: measured calls per report (default 100; 0 only starts and stops the service, to migrate an empty
 * database). Database: REFUGIO_BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/refugio_bench_reports).
 */
public final class ReportBenchmark {

    /**
     * The test users (a program manager among them) sign in to the pages with a password. A source of this
     * benchmark's application only: not a @Configuration, so the component scan of the tests' applications never
     * picks it up.
     */
    @org.springframework.context.annotation.Import(TestWebUsers.class)
    static class WithTestUsers {
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String url = System.getenv().getOrDefault("REFUGIO_BENCH_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/refugio_bench_reports");
        long startAt = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RefugioApplication.class, WithTestUsers.class)
                .logStartupInfo(false)
                .run(Stream.concat(Stream.of("--server.port=0", "--spring.datasource.url=" + url,
                                "--spring.datasource.username=postgres", "--logging.level.root=WARN",
                                "--logging.level.org.refugio.reports=INFO"),
                        Arrays.stream(TestDeployment.arguments())).toArray(String[]::new))) {
            System.out.printf("service started (read model filled when empty) in %.1f s%n",
                    (System.nanoTime() - startAt) / 1e9);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            System.out.printf("data: %d decisions, %d cases, %d referrals, %d rows in the reports' read model%n",
                    jdbc.queryForObject("select count(*) from screening_decision", Long.class),
                    jdbc.queryForObject("select count(*) from legal_aid_case", Long.class),
                    jdbc.queryForObject("select count(*) from referral", Long.class),
                    jdbc.queryForObject("select count(*) from report_screening_month", Long.class));
            if (calls == 0) {
                return;
            }
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String token = TestTokens.bearer("bench-program-manager", Role.PROGRAM_MANAGER);
            for (String name : Reports.NAMES) {
                measure("GET /api/v1/reports/" + name, calls, () -> http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/reports/" + name))
                        .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            measure("GET /api/v1/reports/barriers (CSV)", calls, () -> http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/reports/barriers?format=csv"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString()));
            String cookie = signIn(http, port);
            for (String page : List.of("/reports", "/reports/barriers")) {
                measure("page " + page, calls, () -> http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + page)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static void measure(String what, int calls, Call call) throws Exception {
        for (int i = 0; i < Math.max(5, calls / 5); i++) {
            check(what, call.send());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long a = System.nanoTime();
            HttpResponse<String> response = call.send();
            millis.add((System.nanoTime() - a) / 1e6);
            check(what, response);
        }
        Collections.sort(millis);
        System.out.printf("%-45s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   (%d calls)%n", what,
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1), calls);
    }

    private static void check(String what, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String signIn(HttpClient http, int port) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = session(page);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(TestWebUsers.PROGRAM_MANAGER,
                        StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(TestWebUsers.PASSWORD,
                        StandardCharsets.UTF_8) + "&_csrf=" + token.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String after = session(signedIn);
        return after == null ? cookie : after;
    }

    private static String session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";")[0]).findFirst().orElse(null);
    }
}
