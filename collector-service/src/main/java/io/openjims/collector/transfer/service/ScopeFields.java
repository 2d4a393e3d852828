package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.support.transfer.SectionItems;

/** A producer scope in an exported item: {@code domains}, {@code address_ranges}, {@code trust_asserted_roles}. */
final class ScopeFields {

    private ScopeFields() {}

    static void put(ObjectNode item, ProducerScope scope) {
        item.set("domains", SectionItems.array(scope.domains()));
        item.set("address_ranges", SectionItems.array(scope.addressRanges()));
        item.put("trust_asserted_roles", scope.trustAssertedRoles());
    }
}
