package io.sentinel.executor.db;

import io.sentinel.executor.execution.Execution;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads execution rows into {@link ExecutionRow} (jsonb columns through {@code @Json}), handing the domain its {@link Execution}. */
public final class ExecutionRowMapper implements RowMapper<Execution> {

    private static final RowMapper<ExecutionRow> ROWS = ConstructorMapper.of(ExecutionRow.class);

    @Override
    public RowMapper<Execution> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        RowMapper<ExecutionRow> rows = ROWS.specialize(rs, ctx);
        return (row, context) -> rows.map(row, context).execution();
    }

    @Override
    public Execution map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }
}
