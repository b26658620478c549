package io.sentinel.analyzer.ask.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code conversation_turn}: each conversation's questions and answers, per person who asked. */
public interface ConversationDao {

    record Turn(String question, String answer) {
    }

    /** The last {@code max} turns, oldest first. */
    @SqlQuery("""
            select question, answer from (
                select question, answer, asked_at, question_id from conversation_turn
                where conversation_id = :conversationId and asked_by = :askedBy and asked_at >= :since
                order by asked_at desc, question_id desc limit :max
            ) recent order by asked_at, question_id""")
    @RegisterConstructorMapper(Turn.class)
    List<Turn> turns(String conversationId, String askedBy, Instant since, int max);

    @SqlUpdate("""
            insert into conversation_turn (conversation_id, asked_by, question_id, question, answer, asked_at)
            values (:conversationId, :askedBy, :questionId, :question, :answer, :askedAt)
            on conflict (conversation_id, asked_by, question_id) do nothing""")
    void addTurn(String conversationId, String askedBy, String questionId, String question, String answer, Instant askedAt);

    @SqlUpdate("""
            with excess as (
                select question_id from conversation_turn where conversation_id = :conversationId and asked_by = :askedBy
                order by asked_at desc, question_id desc offset :max
            )
            delete from conversation_turn t using excess
            where t.conversation_id = :conversationId and t.asked_by = :askedBy and t.question_id = excess.question_id""")
    int forgetBeyond(String conversationId, String askedBy, int max);

    @SqlUpdate("delete from conversation_turn where ctid in (select ctid from conversation_turn where asked_at < :before limit :limit)")
    int expire(Instant before, int limit);
}
