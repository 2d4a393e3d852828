package io.openjims.query.batch.service;

import io.openjims.query.view.service.AddressPattern;
import java.time.Instant;
import java.util.List;

/** A validated SRX query. */
public sealed interface QueryRequest {

    /** Batch: start at a timestamp, resume after a cookie, or (neither) start at the oldest retained change. */
    record Batch(Instant timestamp, String cookie, int maxItems, Filter filter) implements QueryRequest {}

    record Ip(String ip) implements QueryRequest {}

    record User(String domain, String user) implements QueryRequest {}

    /** Item filter; empty lists mean "no restriction". Domains are lower case as the client wrote them. */
    record Filter(List<String> domains, List<AddressPattern> include, List<AddressPattern> exclude) {

        public static final Filter NONE = new Filter(List.of(), List.of(), List.of());

        public boolean passesAddress(byte[] address) {
            if (!include.isEmpty() && include.stream().noneMatch(p -> p.matches(address))) {
                return false;
            }
            return exclude.stream().noneMatch(p -> p.matches(address));
        }

        public boolean hasAddressRules() {
            return !include.isEmpty() || !exclude.isEmpty();
        }
    }
}
