package org.refugio.providers;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.refugio.api.ProvidersApi;
import org.refugio.api.model.ProviderInput;
import org.refugio.routing.FundingType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProviderController implements ProvidersApi {

    private final ProviderDirectory directory;

    ProviderController(ProviderDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ResponseEntity<List<org.refugio.api.model.Provider>> listProviders(Boolean active) {
        Map<UUID, Integer> open = directory.openReferrals();
        return ResponseEntity.ok(directory.list(active).stream()
                .map(p -> withChannels(view(p, open), directory.channelSettings(p.id()))).toList());
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<org.refugio.api.model.Provider> createProvider(ProviderInput input, String idempotencyKey) {
        Provider created = directory.create(details(input));
        ProviderDirectory.Channels channels = directory.configureChannels(created.id(), input.getWebhookUrl(),
                input.getWebhookSecret(), input.getNoticeEmail());
        return ResponseEntity.created(URI.create(PATH_GET_PROVIDER.replace("{providerId}", created.id().toString())))
                .body(withChannels(view(created, Map.of()), settings(channels)));
    }

    @Override
    public ResponseEntity<org.refugio.api.model.Provider> getProvider(UUID providerId) {
        return ResponseEntity.ok(withChannels(view(directory.find(providerId), directory.openReferrals()),
                directory.channelSettings(providerId)));
    }

    @Override
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<org.refugio.api.model.Provider> updateProvider(UUID providerId, ProviderInput input) {
        Provider updated = directory.update(providerId, details(input));
        ProviderDirectory.Channels channels = directory.configureChannels(providerId, input.getWebhookUrl(),
                input.getWebhookSecret(), input.getNoticeEmail());
        return ResponseEntity.ok(withChannels(view(updated, directory.openReferrals()), settings(channels)));
    }

    @Override
    public ResponseEntity<Void> deactivateProvider(UUID providerId) {
        directory.deactivate(providerId);
        return ResponseEntity.noContent().build();
    }

    private static ProviderDirectory.ProviderDetails details(ProviderInput in) {
        return new ProviderDirectory.ProviderDetails(in.getName(), FundingType.valueOf(in.getFundingType().name()),
                Boolean.TRUE.equals(in.getNonLscFunds()), new TreeSet<>(in.getLanguages()),
                new TreeSet<>(in.getRegions()), in.getServesYouth(), in.getDetentionCapable(), in.getCapacity(),
                in.getIntakeContact(), in.getActive() == null || in.getActive());
    }

    private static org.refugio.api.model.Provider withChannels(org.refugio.api.model.Provider view,
                                                               ProviderDirectory.ChannelSettings channels) {
        return view.webhookUrl(channels.webhookUrl()).webhookSecretSet(channels.webhookSecretSet())
                .noticeEmail(channels.noticeEmail());
    }

    private static ProviderDirectory.ChannelSettings settings(ProviderDirectory.Channels channels) {
        return new ProviderDirectory.ChannelSettings(channels.webhookUrl(), channels.webhookSecret() != null,
                channels.noticeEmail());
    }

    static org.refugio.api.model.Provider view(Provider p, Map<UUID, Integer> open) {
        return new org.refugio.api.model.Provider()
                .id(p.id())
                .name(p.name())
                .fundingType(org.refugio.api.model.FundingType.valueOf(p.fundingType().name()))
                .nonLscFunds(p.nonLscFunds())
                .languages(List.copyOf(new TreeSet<>(p.languages())))
                .regions(List.copyOf(new TreeSet<>(p.regions())))
                .servesYouth(p.servesYouth())
                .detentionCapable(p.detentionCapable())
                .capacity(p.capacity())
                .openReferrals(open.getOrDefault(p.id(), 0))
                .intakeContact(p.intakeContact())
                .active(p.active())
                .demoData(p.demoData());
    }
}
