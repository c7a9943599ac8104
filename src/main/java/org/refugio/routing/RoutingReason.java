package org.refugio.routing;

import org.refugio.eligibility.Message;

/** One rule's say about one provider for one case: the rule's identity and its explanation key. */
public record RoutingReason(String ruleId, String rule, String tag, Message explanation) { }
