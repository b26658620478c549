package io.sentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void parsesWhatItWrites() {
        TraceParent root = TraceParent.root();
        assertThat(TraceParent.parse(root.header())).contains(root);
    }

    @Test
    void childKeepsTheTraceAndChangesTheSpan() {
        TraceParent root = TraceParent.root();
        TraceParent child = root.child();
        assertThat(child.traceId()).isEqualTo(root.traceId());
        assertThat(child.spanId()).isNotEqualTo(root.spanId());
    }

    @Test
    void treatsMalformedOrAllZeroHeadersAsAbsent() {
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736")).isEmpty();
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isPresent();
    }

    @Test
    void derivedIdsAreStablePerCauseAndStage() {
        assertThat(EventIds.derive("cause", "analysis")).isEqualTo(EventIds.derive("cause", "analysis"))
                .isNotEqualTo(EventIds.derive("cause", "decision"));
    }
}
