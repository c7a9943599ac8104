package org.refugio.web;

import org.refugio.problem.ConflictException;
import org.refugio.problem.ForbiddenException;
import org.refugio.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page's errors as pages, in the interface language: what the API says with problem details, a person reads here.
 * Before the API's handler, which would answer JSON. Logs carry the error's class only, never the data (1367).
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return page(HttpStatus.NOT_FOUND, "error.not-found");
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden() {
        return page(HttpStatus.FORBIDDEN, "error.forbidden");
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict() {
        return page(HttpStatus.CONFLICT, "error.conflict");
    }

    static ModelAndView page(HttpStatus status, String messageKey) {
        ModelAndView page = new ModelAndView("layout/error", status);
        page.addObject("status", status.value());
        page.addObject("messageKey", messageKey);
        return page;
    }

    /** Unexpected: a page that says so, never a stack trace; the log names the class for whoever investigates. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException e) {
        log.error("web page failed: {}", e.getClass().getName());
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected");
    }
}
