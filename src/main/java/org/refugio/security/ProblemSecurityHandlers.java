package org.refugio.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.refugio.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 in the one error format, saying nothing about what exists behind them. */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {
    }

    static AuthenticationEntryPoint unauthenticated(ObjectMapper json, boolean basic) {
        return (request, response, e) -> {
            if (basic) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"refugio\"");
            } else {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Credentials are missing or invalid.");
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.FORBIDDEN, "Forbidden",
                "Your role may not do this.");
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String title,
                              String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(status,
                status == HttpStatus.UNAUTHORIZED ? Problems.UNAUTHORIZED : Problems.FORBIDDEN, title, detail));
    }
}
