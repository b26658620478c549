package io.sentinel.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentinel.events.Topic;
import io.sentinel.events.config.SettingChanged;
import io.sentinel.events.config.SettingRemoved;
import io.sentinel.runtime.signing.SignedContent;
import io.sentinel.testkit.ReceivedRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runtime settings and silences through the API, out on sentinel.config.v1, and back into the gateway from there. */
class RuntimeSettingsIntegrationTest extends GatewayApiTest {

    private static final String CONFIG = Topic.CONFIG.topicName();
    private static final String SILENCES = "detector.silences";

    @Test
    void anAdminsSettingIsPublishedKeyedByNameShownOnceReadBackAndRemovable() {
        String name = "detector.threshold." + unique("it-rule");
        String value = """
                {"signal": "memory_usage_ratio", "above": 0.7, "clear-below": 0.65, "for": "30s", "severity": "warning"}""";

        Response operator = call("PUT", "/api/settings/" + name, operatorKey, value);
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.detail()).isEqualTo("This endpoint needs role ADMIN; your key has OPERATOR");

        Response accepted = call("PUT", "/api/settings/" + name, ADMIN_KEY, value);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("name").asString()).isEqualTo(name);
        assertThat(accepted.json().path("value")).isEqualTo(JSON.readTree(value));

        SettingChanged changed = probe.await(SettingChanged.class, event -> event.name().equals(name), WAIT);
        assertThat(changed.value()).isEqualTo(JSON.readTree(value));
        assertThat(changed.changedBy()).isEqualTo("bootstrap-admin");
        ReceivedRecord record = lastRecord(name).orElseThrow();
        assertThat(record.key()).as("compaction keeps the latest record per key").isEqualTo(name);
        assertThat(record.envelope().source()).isEqualTo("gateway");

        JsonNode shown = awaitSetting(name, setting -> setting != null);
        assertThat(shown.path("value")).isEqualTo(JSON.readTree(value));
        assertThat(shown.path("changedBy").asString()).isEqualTo("bootstrap-admin");
        assertThat(Instant.parse(shown.path("changedAt").asString())).isEqualTo(changed.changedAt());
        assertThat(get("/api/settings", viewerKey).json().valueStream().map(setting -> setting.path("name").asString())).contains(name);
        assertThat(auditEntries(name)).containsExactly("bootstrap-admin|ADMIN|setting.change");
        assertThat(auditDetail(name, "setting.change")).isEqualTo(JSON.readTree(value));

        assertThat(call("DELETE", "/api/settings/" + name, operatorKey, null).status()).isEqualTo(403);
        Response removed = call("DELETE", "/api/settings/" + name, ADMIN_KEY, null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(202);
        SettingRemoved removal = probe.await(SettingRemoved.class, event -> event.name().equals(name), WAIT);
        assertThat(removal.changedBy()).isEqualTo("bootstrap-admin");
        assertThat(removal.changedAt()).isAfter(changed.changedAt());
        awaitSetting(name, setting -> setting == null);
        assertThat(get("/api/settings", viewerKey).json().valueStream().map(setting -> setting.path("name").asString())).doesNotContain(name);
        Response again = call("DELETE", "/api/settings/" + name, ADMIN_KEY, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("No setting " + name);
        assertThat(auditEntries(name)).containsExactly("bootstrap-admin|ADMIN|setting.change", "bootstrap-admin|ADMIN|setting.remove");
    }

    @Test
    void refusesNamesNoServiceAppliesAndValuesThatAreNullMalformedOrUnbounded() {
        Response unknownService = call("PUT", "/api/settings/notifier.webhooks", ADMIN_KEY, "{}");
        assertThat(unknownService.status()).isEqualTo(400);
        assertThat(unknownService.contentType()).startsWith("application/problem+json");
        assertThat(unknownService.detail()).isEqualTo("setting name 'notifier.webhooks' must start with the prefix of the service that "
                + "applies it, one of [detector., inventory., policy.], followed by the setting, e.g. detector.threshold.memory-usage-high");

        String name = "detector.threshold." + unique("it-refused");
        Response nothing = call("PUT", "/api/settings/" + name, ADMIN_KEY, "null");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.detail()).isEqualTo("setting value must not be null; DELETE /api/settings/{name} brings back the configured default");
        Response malformed = call("PUT", "/api/settings/" + name, ADMIN_KEY, "{\"above\": 0.7");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).startsWith("setting value is not valid JSON: ");
        Response huge = call("PUT", "/api/settings/" + name, ADMIN_KEY, "[\"" + "x".repeat(70_000) + "\"]");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.detail()).isEqualTo("setting value must be at most 65536 bytes (64 KiB)");

        assertThat(get("/api/settings/" + name, viewerKey).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/settings/" + name, ADMIN_KEY, null).status()).isEqualTo(404);
        assertThat(auditEntries(name)).as("nothing refused was done").isEmpty();
        int published = jdbi.withHandle(h -> h.createQuery("select count(*) from setting_published where name = :name")
                .bind("name", name).mapTo(Integer.class).one());
        assertThat(published).isZero();
    }

    /** The two documented single-property settings: a duration as a JSON string, a count as a JSON number. */
    @Test
    void acceptsScalarValuesForSinglePropertySettings() {
        Response learnFor = call("PUT", "/api/settings/detector.novelty.learn-for", ADMIN_KEY, "\"5m\"");
        assertThat(learnFor.status()).as(learnFor.body()).isEqualTo(202);
        assertThat(learnFor.json().path("value").stringValue()).isEqualTo("5m");
        Response minTraces = call("PUT", "/api/settings/detector.llm.error-cascade.min-traces", ADMIN_KEY, "50");
        assertThat(minTraces.status()).as(minTraces.body()).isEqualTo(202);

        SettingChanged duration = probe.await(SettingChanged.class,
                event -> event.name().equals("detector.novelty.learn-for") && event.value().isString(), WAIT);
        assertThat(duration.value().stringValue()).isEqualTo("5m");
        SettingChanged count = probe.await(SettingChanged.class,
                event -> event.name().equals("detector.llm.error-cascade.min-traces") && event.value().isNumber(), WAIT);
        assertThat(count.value().intValue()).isEqualTo(50);
        assertThat(awaitSetting("detector.novelty.learn-for", setting -> setting != null).path("value").stringValue()).isEqualTo("5m");
    }

    @Test
    void anInventoryTargetIsPublishedSignedByTheGatewayOnlyWhenEveryFieldIsSound() {
        String target = unique("shop");
        String name = "inventory.targets." + target;
        List<String[]> hostile = List.of(
                new String[] {"{\"environment\":\"production\",\"urls\":[\"http://user:pw@x:80\"]}", "field 'target.urls[0]' must not carry credentials"},
                new String[] {"{\"environment\":\"production\",\"urls\":[\"file:///etc/passwd\"]}", "field 'target.urls[0]' must be an http or https URL"},
                new String[] {"\"file:///etc/passwd\"", "the value must be an object {environment, urls, kubernetes}"},
                new String[] {"{\"environment\":\"production\",\"token\":\"s3cr3t\"}", "\"token\""},
                new String[] {"{\"environment\":\"production\",\"kubernetes\":{\"namespace\":\"kube-system\",\"kind\":\"Secret\",\"name\":\"x\"}}",
                        "field 'kubernetes.kind' must be one of"},
                new String[] {"{\"environment\":\"moon\",\"urls\":[\"http://shop:8080\"]}",
                        "field 'environment' must be one of [development, staging, production] (sentinel.inventory.environments), was 'moon'"});
        for (String[] attempt : hostile) {
            Response refused = call("PUT", "/api/settings/" + name, ADMIN_KEY, attempt[0]);
            assertThat(refused.status()).as(attempt[0]).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.detail()).startsWith(name + ": ").contains(attempt[1]).doesNotContain("pw@");
        }
        for (String badName : List.of("inventory.targets.a..b", "inventory.targets.Shop", "inventory.environments", "inventory.targets.")) {
            Response refused = call("PUT", "/api/settings/" + badName, ADMIN_KEY, "{\"environment\":\"production\"}");
            assertThat(refused.status()).as(badName).isEqualTo(400);
        }
        assertThat(auditEntries(name)).as("nothing refused was done").isEmpty();

        String sound = """
                {"environment": "staging", "urls": ["http://shop.staging:8080"], "kubernetes": {"namespace": "shop", "kind": "Deployment", "name": "shop"}}""";
        Response accepted = call("PUT", "/api/settings/" + name, ADMIN_KEY, sound);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        SettingChanged changed = probe.await(SettingChanged.class, event -> event.name().equals(name), WAIT);
        assertThat(changed.value()).isEqualTo(JSON.readTree(sound));
        ReceivedRecord record = lastRecord(name).orElseThrow();
        assertThat(record.envelope().source()).isEqualTo("gateway");
        assertThat(record.headers().get(SignedContent.KEY_ID_HEADER)).isEqualTo("gateway-test");
        assertThat(record.headers().get(SignedContent.SIGNATURE_HEADER)).isNotBlank();
        assertThat(probe.records(CONFIG).stream().filter(r -> name.equals(r.key()))).as("only the sound value was ever published").hasSize(1);
        assertThat(auditEntries(name)).containsExactly("bootstrap-admin|ADMIN|setting.change");
    }

    @Test
    void anOperatorSilencesForTwoHoursAndTheDetectorIsToldWhatWhoAndWhy() {
        String service = unique("shop");
        String body = "{\"matchers\": {\"service\": \"" + service + "\"}, \"duration\": \"2h\", \"comment\": \"deploying the fix\"}";

        Response viewer = post("/api/silences", viewerKey, body);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.detail()).isEqualTo("This endpoint needs role OPERATOR; your key has VIEWER");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Response created = post("/api/silences", operatorKey, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode silence = created.json();
        String id = silence.path("id").asString();
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(silence.path("createdBy").asString()).isEqualTo("it-operator");
        assertThat(silence.path("active").asBoolean()).isTrue();
        Instant startsAt = Instant.parse(silence.path("startsAt").asString());
        assertThat(startsAt).isBetween(before, Instant.now());
        assertThat(Instant.parse(silence.path("endsAt").asString())).isEqualTo(startsAt.plus(Duration.ofHours(2)));

        JsonNode element = silenceIn(awaitLatestSilences(list -> silenceIn(list, id).isPresent()), id).orElseThrow();
        assertThat(element.propertyNames()).as("exactly the detector's fields: it refuses unknown ones")
                .containsExactlyInAnyOrder("id", "matchers", "starts-at", "ends-at", "created-by", "comment");
        assertThat(element.path("matchers").path("service").asString()).isEqualTo(service);
        assertThat(element.path("created-by").asString()).isEqualTo("it-operator");
        assertThat(element.path("comment").asString()).isEqualTo("deploying the fix");
        assertThat(Instant.parse(element.path("starts-at").asString())).isEqualTo(startsAt);
        assertThat(Instant.parse(element.path("ends-at").asString())).isEqualTo(startsAt.plus(Duration.ofHours(2)));

        JsonNode listed = awaitListedSilence(id, found -> found != null);
        assertThat(listed.path("active").asBoolean()).isTrue();
        assertThat(listed.path("matchers").path("service").asString()).isEqualTo(service);
        assertThat(auditEntries(id)).containsExactly("it-operator|OPERATOR|silence.create");
    }

    @Test
    void silencesAddedAtTheSameMomentAreAllKept() throws Exception {
        int concurrent = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> posts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrent)) {
            for (int i = 0; i < concurrent; i++) {
                String body = "{\"matchers\": {\"service\": \"" + unique("burst") + "\"}, \"duration\": \"1h\", \"comment\": \"burst\"}";
                posts.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return post("/api/silences", operatorKey, body);
                }, threads));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<Response> post : posts) {
                Response created = post.get();
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                ids.add(created.json().path("id").asString());
            }
            assertThat(ids).doesNotHaveDuplicates();

            JsonNode latest = awaitLatestSilences(list -> ids.stream().allMatch(id -> silenceIn(list, id).isPresent()));
            assertThat(ids).allSatisfy(id -> assertThat(silenceIn(latest, id)).isPresent());
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> listedSilence(id) != null));
        }
    }

    @Test
    void theSilencesApiBuildsOnTheNewestValueWhoeverPublishedIt() {
        String handWritten = """
                [{"id": "by-hand", "matchers": {"service": "legacy"}, "ends-at": "%s", "comment": "set by an admin"}]"""
                .formatted(Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(call("PUT", "/api/settings/" + SILENCES, ADMIN_KEY, handWritten).status()).isEqualTo(202);
        // No waiting for it to come back from the topic: the API starts from what the gateway published itself.
        String first = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"a\"}, \"duration\": \"1h\", \"comment\": \"x\"}")
                .json().path("id").asString();
        JsonNode afterFirst = awaitLatestSilences(list -> silenceIn(list, first).isPresent());
        assertThat(silenceIn(afterFirst, "by-hand")).as("the hand-written silence is kept as written")
                .hasValue(JSON.readTree(handWritten).get(0));

        // A newer value read back from the topic wins over the gateway's own last publication.
        String external = """
                [{"id": "from-elsewhere", "matchers": {"service": "b"}, "ends-at": "%s"}]"""
                .formatted(Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS));
        awaitSetting(SILENCES, setting -> setting != null && silenceIn(setting.path("value"), first).isPresent());
        sender.send(new SettingChanged(SILENCES, JSON.readTree(external), "someone-else", Instant.now().plusSeconds(1)));
        awaitSetting(SILENCES, setting -> setting != null && setting.path("changedBy").asString().equals("someone-else"));
        String second = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"c\"}, \"duration\": \"1h\", \"comment\": \"x\"}")
                .json().path("id").asString();

        JsonNode afterSecond = awaitLatestSilences(list -> silenceIn(list, second).isPresent());
        assertThat(afterSecond.valueStream().map(element -> element.path("id").asString())).containsExactly("from-elsewhere", second);
    }

    @Test
    void expiringASilenceEndsItNow() {
        String id = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"" + unique("shop") + "\"}, \"duration\": \"2h\", "
                + "\"comment\": \"to be expired\"}").json().path("id").asString();
        awaitLatestSilences(list -> silenceIn(list, id).isPresent());

        assertThat(call("DELETE", "/api/silences/" + id, viewerKey, null).status()).isEqualTo(403);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Response expired = call("DELETE", "/api/silences/" + id, operatorKey, null);
        Instant after = Instant.now();
        assertThat(expired.status()).as(expired.body()).isEqualTo(202);
        assertThat(expired.json().path("active").asBoolean()).isFalse();
        assertThat(Instant.parse(expired.json().path("endsAt").asString())).isBetween(before, after);

        JsonNode element = silenceIn(awaitLatestSilences(list -> silenceIn(list, id)
                .filter(silence -> Instant.parse(silence.path("ends-at").asString()).isBefore(after.plusSeconds(1))).isPresent()), id)
                .orElseThrow();
        assertThat(Instant.parse(element.path("ends-at").asString())).isBetween(before, after);
        JsonNode listed = awaitListedSilence(id, found -> found != null && !found.path("active").asBoolean());
        assertThat(Instant.parse(listed.path("endsAt").asString())).isEqualTo(Instant.parse(element.path("ends-at").asString()));
        assertThat(auditEntries(id)).containsExactly("it-operator|OPERATOR|silence.create", "it-operator|OPERATOR|silence.expire");

        Response unknown = call("DELETE", "/api/silences/" + unique("no-such-silence"), operatorKey, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).startsWith("No silence ");
    }

    @Test
    void refusesASilenceItCannotTrustNamingWhatIsWrong() {
        Response badRegex = post("/api/silences", operatorKey,
                "{\"matchers\": {\"environment\": \"production\", \"service\": \"shop(\"}, \"duration\": \"2h\", \"comment\": \"x\"}");
        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(badRegex.contentType()).startsWith("application/problem+json");
        assertThat(badRegex.detail()).isEqualTo("matchers.service is not a valid regular expression (RE2 syntax: no look-around, no "
                + "back-references): missing closing )");

        Response lookAround = post("/api/silences", operatorKey,
                "{\"matchers\": {\"rule\": \"(?!memory).*\"}, \"duration\": \"2h\", \"comment\": \"x\"}");
        assertThat(lookAround.status()).as("the detector's engine (RE2) has no look-around: it would refuse the whole list").isEqualTo(400);
        assertThat(lookAround.detail()).startsWith("matchers.rule is not a valid regular expression (RE2 syntax");

        Response tooLong = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"shop\"}, \"duration\": \"8d\", \"comment\": \"x\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.detail()).isEqualTo("a silence may last at most 7d (sentinel.gateway.silences.max-duration); this one would last 8d");

        Response noComment = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"shop\"}, \"duration\": \"2h\"}");
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.detail()).isEqualTo("field 'comment' is required: say why, for whoever finds this silence next");

        Response badTime = post("/api/silences", operatorKey, "{\"matchers\": {\"service\": \"shop\"}, \"endsAt\": \"tonight\", \"comment\": \"x\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.detail()).startsWith("field 'endsAt' is invalid");

        Response noBody = post("/api/silences", operatorKey, null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.detail()).startsWith("request body is required");
    }

    /** Every detector setting is checked by the contract the detector reads it with: what it would ignore is never published. */
    @Test
    void refusesADetectorValueTheDetectorWouldIgnoreNamingTheField() {
        String rule = "detector.threshold." + unique("it-bad-rule");
        Response unknownField = call("PUT", "/api/settings/" + rule, ADMIN_KEY, "{\"signal\": \"memory_usage_ratio\", \"abve\": 0.7}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.detail()).startsWith(rule + ": unknown field \"abve\"");
        Response neverClears = call("PUT", "/api/settings/" + rule, ADMIN_KEY,
                "{\"signal\": \"memory_usage_ratio\", \"above\": 0.5, \"clear-below\": 0.9}");
        assertThat(neverClears.status()).isEqualTo(400);
        assertThat(neverClears.detail()).startsWith(rule + ": clear-below (0.9) must not exceed above (0.5)");
        Response badDuration = call("PUT", "/api/settings/detector.novelty.learn-for", ADMIN_KEY, "\"soon\"");
        assertThat(badDuration.status()).isEqualTo(400);
        assertThat(badDuration.detail()).startsWith("detector.novelty.learn-for: ");
        Response handWritten = call("PUT", "/api/settings/" + SILENCES, ADMIN_KEY,
                "[{\"id\": \"crafted\", \"matchers\": {\"rule\": \"(a)\\\\1\"}, \"ends-at\": \"2099-01-01T00:00:00Z\"}]");
        assertThat(handWritten.status()).isEqualTo(400);
        assertThat(handWritten.detail()).startsWith("detector.silences[0]: matchers.rule is not a valid regular expression");
        Response noSuchSetting = call("PUT", "/api/settings/detector.thresholds.x", ADMIN_KEY, "{}");
        assertThat(noSuchSetting.status()).isEqualTo(400);
        assertThat(noSuchSetting.detail()).startsWith("'detector.thresholds.x' is not a runtime setting");

        assertThat(auditEntries(rule)).as("nothing refused was done").isEmpty();
        assertThat(probe.records(CONFIG).stream().filter(record -> rule.equals(record.key()))).isEmpty();
    }

    // --- helpers ---

    /** GET /api/settings/{name} until the condition holds for its body (null while it answers 404). */
    private JsonNode awaitSetting(String name, Predicate<JsonNode> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = get("/api/settings/" + name, viewerKey);
            assertThat(response.status()).isIn(200, 404);
            return response.status() == 200 ? Optional.of(response.json()) : Optional.<JsonNode>empty();
        }, setting -> condition.test(setting.orElse(null))).orElse(null);
    }

    /** GET /api/silences until the silence with this id satisfies the condition (null while it is not listed). */
    private JsonNode awaitListedSilence(String id, Predicate<JsonNode> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Optional.ofNullable(listedSilence(id)), found -> condition.test(found.orElse(null))).orElse(null);
    }

    private JsonNode listedSilence(String id) {
        Response listed = get("/api/silences", viewerKey);
        assertThat(listed.status()).isEqualTo(200);
        return listed.json().valueStream().filter(silence -> silence.path("id").asString().equals(id)).findFirst().orElse(null);
    }

    /** The value of the last detector.silences record on the topic, once it satisfies the condition. */
    private static JsonNode awaitLatestSilences(Predicate<JsonNode> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> lastRecord(SILENCES)
                .map(ReceivedRecord::event)
                .filter(SettingChanged.class::isInstance)
                .map(event -> ((SettingChanged) event).value())
                .orElse(null), list -> list != null && condition.test(list));
    }

    /** The last record of this setting on the topic: its current value, as compaction will keep it. */
    private static Optional<ReceivedRecord> lastRecord(String name) {
        List<ReceivedRecord> records = probe.records(CONFIG).stream().filter(record -> name.equals(record.key())).toList();
        return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast());
    }

    private static Optional<JsonNode> silenceIn(JsonNode list, String id) {
        return list.valueStream().filter(silence -> silence.path("id").asString().equals(id)).findFirst();
    }

    private JsonNode auditDetail(String target, String action) {
        String detail = jdbi.withHandle(h -> h.createQuery("select detail::text from audit_log where target = :target and action = :action")
                .bind("target", target).bind("action", action).mapTo(String.class).one());
        return JSON.readTree(detail);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
