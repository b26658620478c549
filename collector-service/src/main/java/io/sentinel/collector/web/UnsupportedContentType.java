package io.sentinel.collector.web;

/** A body in a format the endpoint does not read; the message says which it does. */
final class UnsupportedContentType extends RuntimeException {

    UnsupportedContentType(String detail) {
        super(detail, null, false, false);
    }
}
