package io.openjims.model.kafka;

import io.openjims.model.TokenRevocation;

/** Deserializer for {@link TokenRevocation} values. */
public class TokenRevocationDeserializer extends JsonDeserializer<TokenRevocation> {

    public TokenRevocationDeserializer() {
        super(TokenRevocation.class);
    }
}
