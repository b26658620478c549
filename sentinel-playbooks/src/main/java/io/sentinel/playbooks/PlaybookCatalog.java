package io.sentinel.playbooks;

import io.sentinel.events.analysis.ProposedAction;
import io.sentinel.events.settings.HumanDuration;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The playbooks Sentinel may run, loaded from YAML files ({@code *.yaml}, one playbook each). The
 * catalog is the only vocabulary of actions: a proposal that names anything else, or sets a
 * parameter the playbook does not declare, is rejected here.
 */
public final class PlaybookCatalog {

    private final Map<String, Playbook> playbooks;

    public PlaybookCatalog(Collection<Playbook> playbooks) {
        Map<String, Playbook> byId = new TreeMap<>();
        for (Playbook playbook : playbooks) {
            if (byId.put(playbook.id(), playbook) != null) {
                throw new PlaybookDefinitionException("two playbooks have the id '" + playbook.id() + "'");
            }
        }
        this.playbooks = Map.copyOf(byId);
    }

    /**
     * Loads every {@code *.yaml} under a Spring resource location, e.g.
     * {@code classpath:playbooks/} or {@code file:/etc/sentinel/playbooks/}.
     */
    public static PlaybookCatalog load(String location) {
        return load(List.of(location));
    }

    /**
     * Loads every {@code *.yaml} under each location, into one catalog; each location must hold at
     * least one playbook, and no two playbooks may share an id.
     */
    public static PlaybookCatalog load(List<String> locations) {
        Map<String, InputStreamSource> sources = new LinkedHashMap<>();
        for (String location : locations) {
            sourcesAt(location).forEach((name, source) -> {
                if (sources.putIfAbsent(name, source) != null) {
                    throw new PlaybookDefinitionException("playbook " + name + " is read twice: two locations " + locations
                            + " hold it");
                }
            });
        }
        return parse(sources);
    }

    private static Map<String, InputStreamSource> sourcesAt(String location) {
        String base = location.endsWith("/") ? location : location + "/";
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(base + "*.yaml");
            Map<String, InputStreamSource> sources = new LinkedHashMap<>();
            for (Resource resource : resources) {
                sources.put(resource.getDescription(), resource::getInputStream);
            }
            if (sources.isEmpty()) {
                throw new PlaybookDefinitionException("no playbooks (*.yaml) found at " + location
                        + "; set sentinel.playbooks.location to a directory of playbook files");
            }
            return sources;
        } catch (IOException e) {
            throw new PlaybookDefinitionException("cannot read playbooks at " + location + " (sentinel.playbooks.location): "
                    + e.getMessage(), e);
        }
    }

    /** Parses and validates playbook files; fails on the first unusable one, naming it. */
    public static PlaybookCatalog parse(Map<String, InputStreamSource> sources) {
        YAMLMapper yaml = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                // An omitted flag such as 'required' means false.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(new SimpleModule().addDeserializer(Duration.class, new HumanDuration.Deserializer())
                        .addDeserializer(StepAction.class, new SnapshotDeserializer()))
                .build();
        List<Playbook> playbooks = new ArrayList<>();
        sources.forEach((name, source) -> {
            try (InputStream in = source.open()) {
                Playbook playbook = yaml.readValue(in, Playbook.class);
                PlaybookValidation.problemWith(playbook).ifPresent(problem -> {
                    throw new PlaybookDefinitionException("playbook " + name + " is invalid: " + problem);
                });
                playbooks.add(playbook);
            } catch (IOException | JacksonException e) {
                throw new PlaybookDefinitionException("playbook " + name + " is not valid YAML for a playbook: " + e.getMessage(), e);
            }
        });
        return new PlaybookCatalog(playbooks);
    }

    public Optional<Playbook> find(String id) {
        return Optional.ofNullable(playbooks.get(id));
    }

    public Collection<Playbook> all() {
        return playbooks.values();
    }

    /** Checks a proposal against the catalog and fills in parameter defaults. */
    public ProposalCheck check(ProposedAction proposal) {
        Playbook playbook = playbooks.get(proposal.playbookId());
        if (playbook == null) {
            return new ProposalCheck(List.of("no playbook '" + proposal.playbookId() + "' in the catalog " + playbooks.keySet()), null, Map.of());
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> resolved = new HashMap<>();
        proposal.parameters().forEach((name, value) -> {
            ParameterSpec spec = playbook.parameters().get(name);
            if (spec == null) {
                problems.add("playbook '" + playbook.id() + "' has no parameter '" + name + "'");
            } else if (spec.pattern() != null && !value.matches(spec.pattern())) {
                problems.add("parameter '" + name + "' does not match " + spec.pattern());
            } else {
                resolved.put(name, value);
            }
        });
        playbook.parameters().forEach((name, spec) -> {
            if (!resolved.containsKey(name) && !proposal.parameters().containsKey(name)) {
                if (spec.defaultValue() != null) {
                    resolved.put(name, spec.defaultValue());
                } else if (spec.required()) {
                    problems.add("parameter '" + name + "' is required");
                }
            }
        });
        return new ProposalCheck(List.copyOf(problems), playbook, Map.copyOf(resolved));
    }

    /** Something a playbook can be read from. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }
}
