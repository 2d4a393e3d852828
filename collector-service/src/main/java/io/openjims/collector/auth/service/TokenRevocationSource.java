package io.openjims.collector.auth.service;

import io.openjims.collector.config.CollectorConfig;
import io.openjims.model.TokenRevocation;
import io.openjims.model.kafka.TokenRevocationDeserializer;
import io.openjims.support.jwt.Revocation;
import io.openjims.support.jwt.RevocationSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The revocations query-service publishes; service-support's RevocationFeed reads them into every replica. */
@ApplicationScoped
public class TokenRevocationSource implements RevocationSource {

    private final String topic;
    private final TokenRevocationDeserializer deserializer = new TokenRevocationDeserializer();

    public TokenRevocationSource(CollectorConfig config) {
        this.topic = config.topics().tokenRevocations();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Optional<Revocation> decode(String key, byte[] value) {
        TokenRevocation r = deserializer.deserialize(topic, value);
        if (r == null || r.clientId() == null || r.notBefore() == null) {
            return Optional.empty();
        }
        return Optional.of(new Revocation(r.clientId(), r.notBefore()));
    }
}
