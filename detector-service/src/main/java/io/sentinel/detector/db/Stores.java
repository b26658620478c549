package io.sentinel.detector.db;

import io.sentinel.detector.absence.HeartbeatStore;
import io.sentinel.detector.absence.MetricPresenceStore;
import io.sentinel.detector.absence.QueueSampleStore;
import io.sentinel.detector.absence.db.HeartbeatDao;
import io.sentinel.detector.absence.db.MetricPresenceDao;
import io.sentinel.detector.absence.db.QueueSampleDao;
import io.sentinel.detector.baseline.EwmaStore;
import io.sentinel.detector.baseline.HourlyAggregateStore;
import io.sentinel.detector.baseline.db.EwmaDao;
import io.sentinel.detector.baseline.db.HourlyAggregateDao;
import io.sentinel.detector.incident.IncidentFacts;
import io.sentinel.detector.incident.IncidentStore;
import io.sentinel.detector.incident.db.IncidentDao;
import io.sentinel.detector.llm.AgentTraceStore;
import io.sentinel.detector.llm.Episodes;
import io.sentinel.detector.llm.ErrorCascadeStore;
import io.sentinel.detector.llm.OutputSchemaStore;
import io.sentinel.detector.llm.ScoreStore;
import io.sentinel.detector.llm.ToolFailureStore;
import io.sentinel.detector.llm.db.AgentTraceDao;
import io.sentinel.detector.llm.db.EpisodeDao;
import io.sentinel.detector.llm.db.ErrorCascadeDao;
import io.sentinel.detector.llm.db.OutputSchemaDao;
import io.sentinel.detector.llm.db.ScoreDao;
import io.sentinel.detector.llm.db.ToolFailureDao;
import io.sentinel.detector.novelty.KnownErrors;
import io.sentinel.detector.novelty.db.KnownErrorsDao;
import io.sentinel.detector.rule.ConditionStore;
import io.sentinel.detector.rule.db.ConditionDao;
import java.util.Map;

/**
 * Which JDBI SQL object serves which of the rule families' stores: the one place the detector's
 * plain-Java stores meet the database. A store without an entry here is a mistake the first unit of
 * work that asks for it reports.
 */
public final class Stores {

    private static final Map<Class<?>, Class<?>> DAOS = Map.ofEntries(
            dao(ConditionStore.class, ConditionDao.class),
            dao(IncidentFacts.class, IncidentDao.class),
            dao(IncidentStore.class, IncidentDao.class),
            dao(HeartbeatStore.class, HeartbeatDao.class),
            dao(MetricPresenceStore.class, MetricPresenceDao.class),
            dao(QueueSampleStore.class, QueueSampleDao.class),
            dao(EwmaStore.class, EwmaDao.class),
            dao(HourlyAggregateStore.class, HourlyAggregateDao.class),
            dao(KnownErrors.class, KnownErrorsDao.class),
            dao(AgentTraceStore.class, AgentTraceDao.class),
            dao(Episodes.class, EpisodeDao.class),
            dao(ErrorCascadeStore.class, ErrorCascadeDao.class),
            dao(OutputSchemaStore.class, OutputSchemaDao.class),
            dao(ScoreStore.class, ScoreDao.class),
            dao(ToolFailureStore.class, ToolFailureDao.class));

    private Stores() {
    }

    /** The SQL object that implements {@code store}. */
    public static <S> Class<? extends S> daoFor(Class<S> store) {
        Class<?> dao = DAOS.get(store);
        if (dao == null) {
            throw new IllegalArgumentException(store.getName() + " has no SQL object in " + Stores.class.getName());
        }
        return dao.asSubclass(store);
    }

    /** Every store with its SQL object. */
    public static Map<Class<?>, Class<?>> all() {
        return DAOS;
    }

    private static <S> Map.Entry<Class<?>, Class<?>> dao(Class<S> store, Class<? extends S> dao) {
        return Map.entry(store, dao);
    }
}
