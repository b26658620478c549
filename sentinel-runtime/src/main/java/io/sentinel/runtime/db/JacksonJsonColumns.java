package io.sentinel.runtime.db;

import java.lang.reflect.Type;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper.Builder;

/**
 * JDBI's JSON plugin speaking Jackson 3: a DAO parameter or a record component annotated
 * {@code @Json} is written to and read from a {@code jsonb} column as JSON, for any type Jackson can
 * bind (maps, lists, records), so no service writes a column mapper of its own for its JSON columns.
 */
public final class JacksonJsonColumns implements JsonMapper {

    private final tools.jackson.databind.json.JsonMapper json;

    public JacksonJsonColumns(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    /** Sentinel's defaults: ISO-8601 dates, absent fields left out, unknown fields ignored when read. */
    public static JacksonJsonColumns withDefaults() {
        Builder builder = tools.jackson.databind.json.JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL));
        return new JacksonJsonColumns(builder.build());
    }

    @Override
    public TypedJsonMapper forType(Type type, ConfigRegistry config) {
        JavaType javaType = json.constructType(type);
        return new TypedJsonMapper() {
            @Override
            public String toJson(Object value, ConfigRegistry ignored) {
                return json.writeValueAsString(value);
            }

            @Override
            public Object fromJson(String text, ConfigRegistry ignored) {
                return json.readValue(text, javaType);
            }
        };
    }
}
