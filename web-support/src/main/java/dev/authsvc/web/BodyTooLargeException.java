package dev.authsvc.web;

import java.io.IOException;

/** A request body longer than the limit; thrown while reading so even a chunked body is cut off in time. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes", null);
    }
}
