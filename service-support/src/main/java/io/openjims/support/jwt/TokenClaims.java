package io.openjims.support.jwt;

/** Claims of OpenJIMS access tokens that the verifiers read besides the standard ones. */
public final class TokenClaims {

    /**
     * When the client's current secret was set, in epoch milliseconds. A revocation of the client refuses tokens whose
     * value is older than its not-before time; tokens without it fall back to {@code iat}.
     */
    public static final String SECRET_AT = "sat";

    private TokenClaims() {}
}
