package io.sentinel.executor.template;

import java.util.Optional;

/** Where {@code {{secrets.<name>}}} values come from. */
@FunctionalInterface
public interface SecretLookup {

    SecretLookup NONE = name -> Optional.empty();

    Optional<String> find(String name);
}
