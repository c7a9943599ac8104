package org.refugio.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a caseworker has to review a proposed referral before it goes out as proposed, and how long a provider
 * has to answer before the next one is asked. Urgent cases (LA-03: final removal order, detention, scheduled
 * removal, derivative deadline) get the shorter deadlines.
 */
@ConfigurationProperties("refugio.referral")
public record ReferralDeadlines(Duration review, Duration urgentReview, Duration response, Duration urgentResponse) {

    public ReferralDeadlines {
        review = review == null ? Duration.ofDays(2) : review;
        urgentReview = urgentReview == null ? Duration.ofHours(4) : urgentReview;
        response = response == null ? Duration.ofDays(5) : response;
        urgentResponse = urgentResponse == null ? Duration.ofHours(24) : urgentResponse;
    }

    Duration review(boolean urgent) {
        return urgent ? urgentReview : review;
    }

    Duration response(boolean urgent) {
        return urgent ? urgentResponse : response;
    }
}
