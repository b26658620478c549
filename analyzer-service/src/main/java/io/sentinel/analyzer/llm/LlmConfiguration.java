package io.sentinel.analyzer.llm;

import io.sentinel.analyzer.llm.db.ModelUsageDao;
import io.sentinel.analyzer.redaction.Redactor;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model, when one is configured; says once at start-up which it is, or that there is none. */
@Configuration
class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean(destroyMethod = "close")
    LlmGuard llmGuard(LlmProperties properties) {
        return new LlmGuard(properties.resilience());
    }

    @Bean
    LanguageModel languageModel(LlmProperties properties, Redactor redactor, LlmGuard guard, Jdbi jdbi, Clock clock) {
        if (properties.configured()) {
            log.info("LLM configured baseUrl={} model={} apiKey={} timeout={} dailyTokenBudget={} responseFormat={}", properties.baseUrl(),
                    properties.model(), properties.apiKey() == null ? "unset" : "set", properties.timeout(), properties.dailyTokenBudget(),
                    properties.responseFormat());
        } else {
            log.info("{}: analyses come from the heuristic (analyst 'heuristic') and questions get a templated summary",
                    LanguageModel.NOT_CONFIGURED);
        }
        return OpenAiCompatible.languageModel(properties, redactor, guard, jdbi.onDemand(ModelUsageDao.class), clock);
    }
}
