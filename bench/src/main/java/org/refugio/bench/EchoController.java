package org.refugio.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling of this stack for the load benchmark (BENCHMARKS.md): the same request through Tomcat, security and
 * JSON parsing, answered with a body as large as a screening's, but no rules and no database. Only with the
 * "bench" profile; never part of the contract.
 */
@RestController
@Profile("bench")
class EchoController {

    private final ObjectMapper json;

    EchoController(ObjectMapper json) {
        this.json = json;
    }

    @PostMapping(path = "/bench/echo", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> echo(@RequestBody JsonNode request, @RequestParam(defaultValue = "35000") int responseBytes)
            throws Exception {
        byte[] padding = new byte[Math.max(0, Math.min(responseBytes, 1_000_000) - 16)];
        Arrays.fill(padding, (byte) 'x');
        byte[] body = json.writeValueAsBytes(json.createObjectNode()
                .put("fields", request.size())
                .put("echo", new String(padding, StandardCharsets.US_ASCII)));
        return ResponseEntity.ok(body);
    }
}
