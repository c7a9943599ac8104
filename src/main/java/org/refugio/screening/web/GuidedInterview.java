package org.refugio.screening.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A guided screening in progress, kept in the caseworker's HTTP session only: the facts recorded so far (as the
 * screening API takes them), the questions answered "I don't know" (never asked again, the fact stays unknown), and
 * how many questions were asked. Nothing is stored until the caseworker saves; leaving the page and coming back
 * within the session resumes it.
 */
final class GuidedInterview implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String SESSION_KEY = GuidedInterview.class.getName();

    private ObjectNode facts = JsonNodeFactory.instance.objectNode();
    private final Set<String> unknown = new LinkedHashSet<>();
    private final List<String> asked = new ArrayList<>();
    private boolean started;

    ObjectNode facts() {
        return facts;
    }

    void replaceFacts(ObjectNode facts) {
        this.facts = facts;
    }

    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }

    /** Questions left unknown on purpose (id = code|subject). */
    Set<String> unknown() {
        return unknown;
    }

    /**
     * Questions not to ask again: those left unknown and those already answered (an answer the rules still find
     * incomplete is completed with the case, not by asking the same question twice).
     */
    Set<String> settled() {
        Set<String> settled = new LinkedHashSet<>(unknown);
        settled.addAll(asked);
        return settled;
    }

    /** Every question asked so far, in order (id = code|subject). */
    List<String> asked() {
        return asked;
    }

    /** Sets a value at a concrete JSON path (person.currentLocation.usState, victimizations[0].means). */
    void set(String path, JsonNode value) {
        ObjectNode node = facts;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            boolean last = i == steps.length - 1;
            String step = steps[i];
            if (step.endsWith("]")) {
                String name = step.substring(0, step.indexOf('['));
                int index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                ArrayNode array = node.get(name) instanceof ArrayNode a ? a : node.putArray(name);
                while (array.size() <= index) {
                    array.addObject();
                }
                if (last) {
                    array.set(index, value);
                    return;
                }
                node = (ObjectNode) array.get(index);
            } else if (last) {
                if (value == null) {
                    node.remove(step);
                } else {
                    node.set(step, value);
                }
            } else {
                node = node.get(step) instanceof ObjectNode o ? o : node.putObject(step);
            }
        }
    }

    /** The value at a concrete path, or null when unknown. */
    JsonNode get(String path) {
        JsonNode node = facts;
        for (String step : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            if (step.endsWith("]")) {
                node = node.get(step.substring(0, step.indexOf('[')));
                int index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                node = node instanceof ArrayNode a && a.size() > index ? a.get(index) : null;
            } else {
                node = node.get(step);
            }
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** The index of a relative in the family list, by its id; -1 when not recorded. */
    int memberIndex(String id) {
        JsonNode family = facts.get("family");
        if (family instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (id.equals(a.get(i).path("id").asText(null))) {
                    return i;
                }
            }
        }
        return -1;
    }
}
