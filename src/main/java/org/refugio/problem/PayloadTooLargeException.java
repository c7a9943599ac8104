package org.refugio.problem;

import java.io.IOException;

/** A request body longer than the configured limit; answered with a 413 problem. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
