package io.openjims.support.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterWriterTest {

    @Test
    void valuesAreKeptUpToTheBound() {
        assertThat(DeadLetterWriter.bounded(null)).isNull();
        byte[] small = new byte[10];
        assertThat(DeadLetterWriter.bounded(small)).isSameAs(small);
        assertThat(DeadLetterWriter.bounded(new byte[DeadLetterWriter.MAX_VALUE_BYTES * 4]))
                .hasSize(DeadLetterWriter.MAX_VALUE_BYTES);
    }

    @Test
    void detailsArePrintableAndBounded() {
        assertThat(DeadLetterWriter.printable("a\u0000b\u001bc\ud800d")).isEqualTo("a?b?c?d");
        assertThat(DeadLetterWriter.printable("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
        assertThat(DeadLetterWriter.printable("x".repeat(5000))).hasSize(DeadLetterWriter.MAX_DETAIL);
        assertThat(DeadLetterWriter.printable(null)).isNull();
    }
}
