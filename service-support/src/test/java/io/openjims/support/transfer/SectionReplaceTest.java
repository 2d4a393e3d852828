package io.openjims.support.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Replacing a stored list from imported items, and reading items so that a problem names the item. */
class SectionReplaceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A stored row. */
    static final class Row {
        final String id;
        String name;
        String value;

        Row(String id, String name, String value) {
            this.id = id;
            this.name = name;
            this.value = value;
        }
    }

    record Item(String name, String value) {}

    /** An in-memory store that records the order of its operations. */
    static final class Memory implements SectionReplace.Store<Row> {
        final List<Row> rows = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        @Override
        public Uni<List<Row>> all() {
            return Uni.createFrom().item(List.copyOf(rows));
        }

        @Override
        public Uni<Void> delete(Row row) {
            rows.remove(row);
            log.add("delete " + row.name);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> persist(Row row) {
            rows.add(row);
            log.add("persist " + row.name);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> flush() {
            log.add("flush");
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void matchedRowsChangeInPlaceOthersAreCreatedAndTheRestRemovedFirst() {
        Memory store = new Memory();
        Row kept = new Row("1", "Corp", "old");
        store.rows.add(kept);
        store.rows.add(new Row("2", "lab", "old"));
        List<Item> imported = List.of(new Item("corp", "new"), new Item("branch", "fresh"));

        ConfigSection.SectionChange change = SectionReplace.replace(
                        store,
                        r -> r.name.toLowerCase(Locale.ROOT),
                        imported,
                        i -> i.name().toLowerCase(Locale.ROOT),
                        i -> new Row("new-" + i.name(), null, null),
                        SectionReplace.always((i, r) -> {
                            store.log.add("update " + i.name());
                            r.name = i.name();
                            r.value = i.value();
                        }))
                .await()
                .indefinitely();

        assertThat(change).isEqualTo(new ConfigSection.SectionChange(1, 1, 1));
        assertThat(store.rows)
                .extracting(r -> r.id + ":" + r.name + ":" + r.value)
                .containsExactly("1:corp:new", "new-branch:branch:fresh");
        assertThat(store.rows.get(0)).isSameAs(kept);
        assertThat(store.log)
                .containsExactly(
                        "delete lab", "flush", "update corp", "flush", "update branch", "persist branch", "flush");
    }

    @Test
    void aBadItemIsNamedByItsPositionAndName() throws Exception {
        var content = MAPPER.readTree("[{\"name\": \"good\"}, {\"name\": \"bad\", \"value\": 7}, 3]");
        assertThatThrownBy(() -> SectionItems.read("things", content, item -> {
                    if (item.has("value")) {
                        throw ApiException.invalidField("value", "is not allowed");
                    }
                    return item;
                }))
                .isInstanceOf(ApiException.class)
                .hasMessage("things[2] (bad): value: is not allowed");
        assertThatThrownBy(() -> SectionItems.read("things", MAPPER.readTree("[1]"), item -> item))
                .hasMessage("things[1] must be an object");
        assertThatThrownBy(() -> SectionItems.read("things", MAPPER.readTree("{}"), item -> item))
                .hasMessage("things must be an array");
    }

    @Test
    void anUnknownOrMistypedFieldIsNamed() throws Exception {
        var item = (com.fasterxml.jackson.databind.node.ObjectNode)
                MAPPER.readTree("{\"name\": \"x\", \"value\": \"v\", \"secret\": {\"missing\": true}, \"extra\": 1}");
        assertThatThrownBy(() -> SectionItems.as(item, Item.class, "secret"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("\"extra\"");
        item.remove("extra");
        assertThat(SectionItems.as(item, Item.class, "secret")).isEqualTo(new Item("x", "v"));
    }
}
