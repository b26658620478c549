package io.sentinel.collector.scrape;

import java.util.List;

/** Where each target's health outlives a restart, so that a target failing before it is not announced as new. */
public interface TargetHealthStore {

    List<TargetHealth> all();

    void save(TargetHealth health);
}
