package org.refugio.providers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.routing.FundingType;
import org.refugio.routing.ProviderProfile;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The directory of legal-aid providers that the provider-choice rules choose from. */
@Service
public class ProviderDirectory {

    /** What a caller may set on a provider; the directory adds id, timestamps and the demo mark. */
    public record ProviderDetails(String name, FundingType fundingType, boolean nonLscFunds,
                                  java.util.Set<String> languages, java.util.Set<String> regions, boolean servesYouth,
                                  boolean detentionCapable, int capacity, String intakeContact, boolean active) { }

    /**
     * How referrals reach a provider besides its portal inbox (issue 12): a signed webhook and an e-mail notice.
     * The secret signs webhook deliveries (Standard Webhooks) and is never returned by the API.
     */
    /** The channels as the directory shows them: the secret is never shown, only whether one is set. */
    public record ChannelSettings(String webhookUrl, boolean webhookSecretSet, String noticeEmail) { }

    public ChannelSettings channelSettings(UUID providerId) {
        return repository.channelSettings(providerId);
    }

    public record Channels(String webhookUrl, String webhookSecret, String noticeEmail, String previousSecret) {
        public static final Channels NONE = new Channels(null, null, null, null);

        public boolean webhook() {
            return webhookUrl != null && !webhookUrl.isBlank() && webhookSecret != null;
        }

        public boolean email() {
            return noticeEmail != null && !noticeEmail.isBlank();
        }

        @Override
        public String toString() {
            return "Channels[webhook=" + webhookUrl + ", email=" + email() + "]";
        }
    }

    private final ProviderRepository repository;
    private final OpenReferralCounts openReferralCounts;
    private final Clock clock;
    private final java.time.Duration secretOverlap;

    ProviderDirectory(ProviderRepository repository, OpenReferralCounts openReferralCounts, Clock clock,
                      @org.springframework.beans.factory.annotation.Value("${refugio.delivery.secret-overlap:PT24H}")
                      java.time.Duration secretOverlap) {
        this.repository = repository;
        this.openReferralCounts = openReferralCounts;
        this.clock = clock;
        this.secretOverlap = secretOverlap;
    }

    @Transactional
    public Provider create(ProviderDetails details) {
        return add(UUID.randomUUID(), details, false);
    }

    @Transactional
    Provider add(UUID id, ProviderDetails details, boolean demoData) {
        check(details);
        Instant now = clock.instant();
        Provider provider = provider(id, details, demoData, now, now);
        repository.insert(provider);
        return provider;
    }

    @Transactional
    public Provider update(UUID id, ProviderDetails details) {
        check(details);
        Provider existing = find(id);
        Provider updated = provider(id, details, existing.demoData(), existing.createdAt(), clock.instant());
        repository.update(updated);
        return updated;
    }

    /** Takes the provider out of matching; its referrals, past and open, are kept. */
    @Transactional
    public void deactivate(UUID id) {
        if (!repository.deactivate(id, clock.instant())) {
            throw notFound(id);
        }
    }

    public Provider find(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    public Optional<Provider> lookup(UUID id) {
        return repository.find(id);
    }

    public List<Provider> list(Boolean active) {
        return repository.list(active);
    }

    public Channels channels(UUID providerId) {
        return repository.channels(providerId, clock.instant()).orElse(Channels.NONE);
    }

    /** Secrets stored in plain text by an earlier version are sealed once the service is up. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealPlainWebhookSecrets() {
        int sealed = repository.sealPlainSecrets();
        if (sealed > 0) {
            org.slf4j.LoggerFactory.getLogger(ProviderDirectory.class)
                    .info("Sealed the webhook secrets of {} providers stored in plain text", sealed);
        }
    }

    /**
     * Sets a provider's channels; a null secret keeps the current one (a new one rotates it). A webhook needs a
     * secret, and HTTPS unless it points at this machine (a local receiver, for trying it out).
     */
    @Transactional
    public Channels configureChannels(UUID providerId, String webhookUrl, String webhookSecret, String noticeEmail) {
        Channels current = repository.channels(providerId, clock.instant()).orElseThrow(() -> notFound(providerId));
        String url = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        if (url != null) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new UnprocessableException("/webhookUrl", "not a URL", "The webhook address is not a URL.");
            }
            boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && local))) {
                throw new UnprocessableException("/webhookUrl", "must be https (http only to localhost)",
                        "Webhooks go over HTTPS.");
            }
            if (webhookSecret == null && current.webhookSecret() == null) {
                throw new UnprocessableException("/webhookSecret", "required with a webhook",
                        "A webhook needs a signing secret.");
            }
        }
        repository.setChannels(providerId, url, webhookSecret, noticeEmail == null || noticeEmail.isBlank() ? null
                : noticeEmail.trim(), clock.instant().plus(secretOverlap));
        return channels(providerId);
    }

    public Map<UUID, Integer> openReferrals() {
        return openReferralCounts.withPending(repository.openReferrals());
    }

    /**
     * A referral to the provider opened (+1) or closed (-1): call in the transaction that changes its status, so the
     * count on the provider's row never differs from the referrals open (proposed, or sent and unanswered).
     */
    public void openReferralsChanged(UUID providerId, int delta) {
        openReferralCounts.changed(providerId, delta);
    }

    boolean isEmpty() {
        return repository.count() == 0;
    }

    /** Every active provider as the provider-choice rules see it, with its open places now. */
    public List<ProviderProfile> activeProfiles() {
        Map<UUID, Integer> open = openReferrals();
        return repository.list(true).stream().map(p -> profile(p, p.capacity() - open.getOrDefault(p.id(), 0))).toList();
    }

    public static ProviderProfile profile(Provider p, int openSlots) {
        return new ProviderProfile(p.id(), p.name(), p.fundingType(), p.nonLscFunds(), p.languages(), p.regions(),
                p.servesYouth(), p.detentionCapable(), openSlots);
    }

    /**
     * Open places of a provider for the referral the current transaction proposes; its last places are counted
     * under a lock on it, so two cases never both take the last one ({@link OpenReferralCounts}). Empty for an
     * unknown or inactive provider.
     */
    public Optional<Integer> placesToTake(UUID providerId) {
        return openReferralCounts.placesToTake(providerId);
    }

    private static Provider provider(UUID id, ProviderDetails d, boolean demoData, Instant created, Instant updated) {
        return new Provider(id, d.name().trim(), d.fundingType(), d.nonLscFunds(), d.languages(), d.regions(),
                d.servesYouth(), d.detentionCapable(), d.capacity(), d.intakeContact(), d.active(), demoData, created,
                updated);
    }

    private static void check(ProviderDetails details) {
        if (details.nonLscFunds() && details.fundingType() != FundingType.LSC) {
            throw new UnprocessableException("/nonLscFunds", "only an LSC recipient has non-LSC funds to declare",
                    "The provider's funding is inconsistent.");
        }
        if (details.name() == null || details.name().isBlank()) {
            throw new UnprocessableException("/name", "must not be blank", "The provider needs a name.");
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No provider has id " + id + ".");
    }
}
