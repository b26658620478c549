package io.sentinel.gateway.auth;

/**
 * Tells the two kinds of bearer credential apart by their shape alone, before either is checked: an
 * API key is {@code snl_} and 40 letters and digits, a JWT is three base64url parts joined by dots.
 * Pure, and linear in the value's length.
 */
public final class BearerTokens {

    /** Far above any real identity provider's token (Keycloak's run to a few kilobytes), far below what would cost to parse. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private BearerTokens() {
    }

    /**
     * Whether the value has the shape of a compact JWS (or of an unsigned JWT, whose third part is
     * empty, so that it reaches the token check and is refused there with its reason).
     */
    public static boolean jwtShaped(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (partLength == 0 && dots < 2) {
                    return false;
                }
                dots++;
                partLength = 0;
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }
}
