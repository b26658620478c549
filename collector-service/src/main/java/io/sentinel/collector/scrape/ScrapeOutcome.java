package io.sentinel.collector.scrape;

import io.sentinel.collector.exposition.Exposition;
import java.time.Instant;

/** How one attempt to scrape a target went. */
public sealed interface ScrapeOutcome {

    /** When the attempt started: the time of the target's samples that carry no timestamp of their own. */
    Instant at();

    record Scraped(Instant at, Exposition exposition) implements ScrapeOutcome {
    }

    /** @param reason what went wrong, for operators: "HTTP 503", "connection refused" ... */
    record Failed(Instant at, String reason) implements ScrapeOutcome {
    }
}
