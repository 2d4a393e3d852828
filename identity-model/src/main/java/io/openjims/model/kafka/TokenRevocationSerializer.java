package io.openjims.model.kafka;

import io.openjims.model.TokenRevocation;

/** Serializer for {@link TokenRevocation} values. */
public class TokenRevocationSerializer extends JsonSerializer<TokenRevocation> {}
