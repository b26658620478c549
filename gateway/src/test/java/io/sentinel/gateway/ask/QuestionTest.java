package io.sentinel.gateway.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.events.question.QuestionAsked;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionTest {

    @Test
    void aQuestionWithoutAConversationStartsOne() {
        Question question = Question.of("  why did shop restart?  ", " inc-1 ", null);
        assertThat(question.text()).isEqualTo("why did shop restart?");
        assertThat(question.incidentId()).isEqualTo("inc-1");
        assertThat(question.startsConversation()).isTrue();
        assertThat(Question.of("and before that?", null, "c0f5c3c4-9f6e-4d8a-8d35-1f1b5e4f7a10").startsConversation()).isFalse();
    }

    @Test
    void becomesTheEventTheAnalyzerAnswers() {
        QuestionAsked asked = Question.of("why?", "inc-1", null).asked("conv-1", "q-1", "alice", Instant.EPOCH);
        assertThat(asked).isEqualTo(new QuestionAsked("conv-1", "q-1", "why?", "inc-1", "alice", Instant.EPOCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void aBlankQuestionIsRefused(String blank) {
        assertThatThrownBy(() -> Question.of(blank, null, null)).isInstanceOf(InvalidQuestionException.class)
                .hasMessage("field 'question' is required: what do you want to know?");
        assertThatThrownBy(() -> Question.of(null, null, null)).isInstanceOf(InvalidQuestionException.class);
    }

    @Test
    void aQuestionOfMoreThan4000CharactersIsRefused() {
        assertThat(Question.of("x".repeat(4000), null, null).text()).hasSize(4000);
        assertThatThrownBy(() -> Question.of("x".repeat(4001), null, null)).isInstanceOf(InvalidQuestionException.class)
                .hasMessage("field 'question' must be at most 4000 characters, was 4001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inc 1", "../etc", "inc-1\nX-Injected: yes", "-leading-dash", "ünïcode"})
    void idsThatAreNotOursAreRefused(String id) {
        assertThatThrownBy(() -> Question.of("why?", id, null)).isInstanceOf(InvalidQuestionException.class)
                .hasMessageStartingWith("field 'incidentId' must be 1 to 128 letters");
        assertThatThrownBy(() -> Question.of("why?", null, id)).isInstanceOf(InvalidQuestionException.class)
                .hasMessageStartingWith("field 'conversationId' must be 1 to 128 letters");
        assertThatThrownBy(() -> Question.of("why?", null, "c".repeat(129))).isInstanceOf(InvalidQuestionException.class);
    }
}
