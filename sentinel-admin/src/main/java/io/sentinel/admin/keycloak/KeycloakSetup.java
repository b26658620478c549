package io.sentinel.admin.keycloak;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Makes Keycloak hold what Sentinel needs, item by item: each item is looked up first and created
 * only when missing, so a second run changes nothing, and a run cut short is finished by the next.
 * What exists is never changed beyond adding what is missing: realm settings, client settings and
 * passwords an operator has since edited stay as they are.
 */
public final class KeycloakSetup {

    private static final int CREATED = 201;
    private static final int CONFLICT = 409;

    private final Keycloak keycloak;
    private final KeycloakFailures failures;
    private final Supplier<Secret> passwords;

    KeycloakSetup(Keycloak keycloak, KeycloakFailures failures, Supplier<Secret> passwords) {
        this.keycloak = keycloak;
        this.failures = failures;
        this.passwords = passwords;
    }

    /**
     * Ensures every item and tells {@code listener} about each as soon as it is done.
     *
     * @throws KeycloakSetupException naming the item Keycloak refused, or why it could not be asked
     */
    public SetupReport apply(SentinelRealm wanted, FirstAdmin firstAdmin, SetupListener listener) {
        List<SetupStep> steps = new ArrayList<>();
        Consumer<SetupStep> record = step -> {
            steps.add(step);
            listener.itemDone(step);
        };
        RealmResource realm = keycloak.realm(wanted.realm());

        record.accept(new SetupStep("realm " + wanted.realm(), ensureRealm(wanted)));
        String clientItem = "client " + wanted.clientId();
        ClientRepresentation client = ensureClient(wanted, realm, clientItem, record);
        ensureAudienceMapper(wanted, realm, client, clientItem, record);
        ensureRedirectUris(wanted, realm, client, clientItem, record);
        ensureRoles(realm, record);
        ensureFirstAdmin(realm, firstAdmin, record, listener);
        return new SetupReport(steps);
    }

    private Outcome ensureRealm(SentinelRealm wanted) {
        boolean exists = call("look up realm " + wanted.realm(), () -> {
            try {
                keycloak.realm(wanted.realm()).toRepresentation();
                return true;
            } catch (NotFoundException missing) {
                return false;
            }
        });
        if (exists) {
            return Outcome.ALREADY_PRESENT;
        }
        return call("create realm " + wanted.realm(), () -> {
            try {
                keycloak.realms().create(wanted.realmRepresentation());
                return Outcome.CREATED;
            } catch (ClientErrorException conflict) {
                if (conflict.getResponse().getStatus() == CONFLICT) {
                    // Created in the meantime by someone else: there now, which is what was asked.
                    return Outcome.ALREADY_PRESENT;
                }
                throw conflict;
            }
        });
    }

    private ClientRepresentation ensureClient(SentinelRealm wanted, RealmResource realm, String item, Consumer<SetupStep> record) {
        Optional<ClientRepresentation> existing = findClient(wanted, realm);
        if (existing.isPresent()) {
            record.accept(new SetupStep(item, Outcome.ALREADY_PRESENT));
            return existing.get();
        }
        String attempt = "create " + item + " in realm " + wanted.realm();
        Outcome outcome = call(attempt, () -> {
            try (Response response = realm.clients().create(wanted.client())) {
                return created(attempt, response);
            }
        });
        record.accept(new SetupStep(item, outcome));
        return findClient(wanted, realm).orElseThrow(() -> new KeycloakSetupException(
                "Keycloak reported " + item + " as created, but does not find it in realm " + wanted.realm()));
    }

    private Optional<ClientRepresentation> findClient(SentinelRealm wanted, RealmResource realm) {
        return call("look up client " + wanted.clientId() + " in realm " + wanted.realm(),
                () -> realm.clients().findByClientId(wanted.clientId()).stream()
                        .filter(client -> wanted.clientId().equals(client.getClientId()))
                        .findFirst());
    }

    private void ensureAudienceMapper(SentinelRealm wanted, RealmResource realm, ClientRepresentation client, String clientItem,
                                      Consumer<SetupStep> record) {
        String item = clientItem + ": audience " + wanted.clientId() + " in access tokens";
        var mappers = realm.clients().get(client.getId()).getProtocolMappers();
        boolean present = call("read the token mappers of " + clientItem, () -> wanted.hasAudienceMapper(mappers.getMappers()));
        if (present) {
            record.accept(new SetupStep(item, Outcome.ALREADY_PRESENT));
            return;
        }
        String attempt = "add the audience mapper to " + clientItem;
        Outcome outcome = call(attempt, () -> {
            try (Response response = mappers.createMapper(wanted.audienceMapper())) {
                return created(attempt, response);
            }
        });
        record.accept(new SetupStep(item, outcome == Outcome.CREATED ? Outcome.ADDED : outcome));
    }

    private void ensureRedirectUris(SentinelRealm wanted, RealmResource realm, ClientRepresentation client, String clientItem,
                                    Consumer<SetupStep> record) {
        List<String> missing = wanted.missingRedirectUris(client);
        if (!missing.isEmpty()) {
            // Only the redirect URIs change: the rest of the client stays as read, including edits made in Keycloak's console.
            client.setRedirectUris(wanted.withRedirectUris(client));
            call("add redirect URIs " + missing + " to " + clientItem, () -> {
                realm.clients().get(client.getId()).update(client);
                return null;
            });
        }
        for (String uri : wanted.redirectUris()) {
            record.accept(new SetupStep(clientItem + ": redirect URI " + uri, missing.contains(uri) ? Outcome.ADDED : Outcome.ALREADY_PRESENT));
        }
    }

    private void ensureRoles(RealmResource realm, Consumer<SetupStep> record) {
        Set<String> present = call("list the realm roles", () -> realm.roles().list().stream().map(RoleRepresentation::getName).collect(Collectors.toSet()));
        for (SentinelRole role : SentinelRole.values()) {
            String item = "realm role " + role.roleName();
            if (present.contains(role.roleName())) {
                record.accept(new SetupStep(item, Outcome.ALREADY_PRESENT));
                continue;
            }
            Outcome outcome = call("create " + item, () -> {
                try {
                    realm.roles().create(SentinelRealm.role(role));
                    return Outcome.CREATED;
                } catch (ClientErrorException conflict) {
                    if (conflict.getResponse().getStatus() == CONFLICT) {
                        return Outcome.ALREADY_PRESENT;
                    }
                    throw conflict;
                }
            });
            record.accept(new SetupStep(item, outcome));
        }
    }

    private void ensureFirstAdmin(RealmResource realm, FirstAdmin firstAdmin, Consumer<SetupStep> record, SetupListener listener) {
        String item = "user " + firstAdmin.username();
        Optional<UserRepresentation> existing = findUser(realm, firstAdmin.username());
        String userId;
        if (existing.isPresent()) {
            // Its password is the person's now: a second run must not reset it.
            record.accept(new SetupStep(item, Outcome.ALREADY_PRESENT));
            userId = existing.get().getId();
        } else {
            Secret password = firstAdmin.password().orElseGet(passwords);
            String attempt = "create " + item;
            UserRepresentation user = SentinelRealm.firstAdmin(firstAdmin.username(), firstAdmin.email(), password);
            Outcome outcome = call(attempt, () -> {
                try (Response response = realm.users().create(user)) {
                    // 409 also answers an e-mail address another user has: only a user of this name counts as there.
                    if (response.getStatus() == CONFLICT && findUser(realm, firstAdmin.username()).isEmpty()) {
                        throw failures.refused(attempt, response, null);
                    }
                    return created(attempt, response);
                }
            });
            record.accept(new SetupStep(item, outcome));
            if (outcome == Outcome.CREATED && firstAdmin.password().isEmpty()) {
                // Told now, not at the end: should granting the role fail, the user exists and a rerun will not make a new password.
                listener.passwordGenerated(firstAdmin.username(), password);
            }
            userId = findUser(realm, firstAdmin.username()).map(UserRepresentation::getId).orElseThrow(() -> new KeycloakSetupException(
                    "Keycloak reported " + item + " as created, but does not find it"));
        }

        String adminRole = SentinelRole.ADMIN.roleName();
        String grantItem = item + ": realm role " + adminRole;
        var roles = realm.users().get(userId).roles().realmLevel();
        boolean holds = call("read the realm roles of " + item,
                () -> roles.listAll().stream().anyMatch(role -> adminRole.equals(role.getName())));
        if (holds) {
            record.accept(new SetupStep(grantItem, Outcome.ALREADY_PRESENT));
        } else {
            call("grant " + adminRole + " to " + item, () -> {
                roles.add(List.of(realm.roles().get(adminRole).toRepresentation()));
                return null;
            });
            record.accept(new SetupStep(grantItem, Outcome.GRANTED));
        }
    }

    private Optional<UserRepresentation> findUser(RealmResource realm, String username) {
        return call("look up user " + username, () -> realm.users().searchByUsername(username, true).stream()
                .filter(user -> username.equals(user.getUsername()))
                .findFirst());
    }

    /** 201 is created; 409 is there already (made in the meantime), which is what was asked; anything else stops the setup. */
    private Outcome created(String attempt, Response response) {
        return switch (response.getStatus()) {
            case CREATED -> Outcome.CREATED;
            case CONFLICT -> Outcome.ALREADY_PRESENT;
            default -> throw failures.refused(attempt, response, null);
        };
    }

    private <T> T call(String attempt, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException failure) {
            throw failures.during(attempt, failure);
        }
    }
}
