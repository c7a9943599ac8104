package org.refugio.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors raised outside Spring MVC (by the servlet container or a filter) are problem details too; a browser asking
 * for a page gets the web app's error page (templates/layout/error.html) instead.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView errorPage(HttpServletRequest request) {
        HttpStatus status = status(request);
        ModelAndView page = new ModelAndView("layout/error", status);
        page.addObject("status", status.value());
        page.addObject("messageKey", status == HttpStatus.NOT_FOUND ? "error.not-found"
                : status == HttpStatus.FORBIDDEN ? "error.forbidden"
                : status.is5xxServerError() ? "error.unexpected" : "error.bad-request");
        return page;
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer c && HttpStatus.resolve(c) != null
                ? HttpStatus.valueOf(c) : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String type = status.is5xxServerError() ? Problems.SERVER_ERROR : Problems.INVALID_REQUEST;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, type, status.getReasonPhrase(),
                        status.is5xxServerError() ? "The request could not be completed." : "The request was not accepted."));
    }
}
