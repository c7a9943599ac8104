package org.refugio.providers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.routing.FundingType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Fills an empty directory with the fictional providers of the demo file, so that the embedded default can route
 * a case out of the box. {@code refugio.providers.demo-seed}: {@code auto} seeds only an embedded H2 database, so
 * a real deployment never refers a survivor to a made-up provider; {@code always} (tests) and {@code never}.
 */
@Component
class DemoProviderSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoProviderSeeder.class);

    record SeedFile(String notice, List<SeedProvider> providers) { }

    record SeedProvider(UUID id, String name, FundingType fundingType, boolean nonLscFunds, Set<String> languages,
                        Set<String> regions, boolean servesYouth, boolean detentionCapable, int capacity,
                        String intakeContact) { }

    private final ProviderDirectory directory;
    private final ResourceLoader resources;
    private final ObjectMapper json;
    private final String mode;
    private final String file;
    private final String datasourceUrl;

    DemoProviderSeeder(ProviderDirectory directory, ResourceLoader resources, ObjectMapper json,
                       @Value("${refugio.providers.demo-seed:auto}") String mode,
                       @Value("${refugio.providers.demo-file:classpath:providers/demo-providers.json}") String file,
                       @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.directory = directory;
        this.resources = resources;
        this.json = json;
        this.mode = mode;
        this.file = file;
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> datasourceUrl.startsWith("jdbc:h2:");
            default -> throw new IllegalStateException("refugio.providers.demo-seed must be auto, always or never");
        };
        if (!wanted || !directory.isEmpty()) {
            return;
        }
        SeedFile seed = read();
        for (SeedProvider p : seed.providers()) {
            directory.add(p.id(), new ProviderDirectory.ProviderDetails(p.name(), p.fundingType(), p.nonLscFunds(),
                    p.languages(), p.regions(), p.servesYouth(), p.detentionCapable(), p.capacity(), p.intakeContact(),
                    true), true);
        }
        log.warn("Provider directory seeded with {} FICTIONAL demo providers from {}", seed.providers().size(), file);
    }

    SeedFile read() {
        Resource resource = resources.getResource(file);
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, SeedFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo provider file " + file + " could not be read", e);
        }
    }
}
