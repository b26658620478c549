package io.sentinel.collector.ingest;

/** A request larger than the collector accepts at once (bytes or items); it should be split. */
public final class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(String detail) {
        super(detail, null, false, false);
    }
}
