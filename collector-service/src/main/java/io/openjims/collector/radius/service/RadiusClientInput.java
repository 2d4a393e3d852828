package io.openjims.collector.radius.service;

import java.util.List;

/**
 * What an admin sends to create or replace a RADIUS client, before validation.
 *
 * @param secret the shared secret; null on a replace keeps the stored one
 */
public record RadiusClientInput(
        String name,
        String address,
        String secret,
        String domain,
        List<String> domains,
        List<String> addressRanges,
        boolean trustAssertedRoles) {

    @Override
    public String toString() {
        // Never the secret.
        return "RadiusClientInput[name=" + name + ", address=" + address + ", domain=" + domain + "]";
    }
}
