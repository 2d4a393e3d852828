package io.openjims.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.query.view.model.AliasOwner;
import io.openjims.query.view.service.EventNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a producer's domain name finds its DNS domain when sites share aliases. Pure logic. */
class AliasResolutionTest {

    private static final List<AliasOwner> SHARED =
            List.of(new AliasOwner("a.example", "site-a"), new AliasOwner("b.example", "site-b"));

    @Test
    void anAliasResolvesWithinTheProducersSite() {
        assertThat(EventNormalizer.dnsDomain("corp", "site-a", SHARED)).isEqualTo("a.example");
        assertThat(EventNormalizer.dnsDomain("corp", "site-b", SHARED)).isEqualTo("b.example");
    }

    @Test
    void elsewhereOnlyAnUnambiguousAliasResolves() {
        assertThat(EventNormalizer.dnsDomain("corp", null, SHARED)).isEqualTo("corp");
        assertThat(EventNormalizer.dnsDomain("corp", "site-c", SHARED)).isEqualTo("corp");
        List<AliasOwner> one = List.of(new AliasOwner("a.example", ""));
        assertThat(EventNormalizer.dnsDomain("corp", "site-c", one)).isEqualTo("a.example");
        assertThat(EventNormalizer.dnsDomain("corp", null, one)).isEqualTo("a.example");
        assertThat(EventNormalizer.dnsDomain("other", "site-a", null)).isEqualTo("other");
    }

    @Test
    void twoDomainsOfOneSiteClaimingANameLeaveItUnresolved() {
        List<AliasOwner> clash = List.of(new AliasOwner("a.example", "s"), new AliasOwner("b.example", "s"));
        assertThat(EventNormalizer.dnsDomain("corp", "s", clash)).isEqualTo("corp");
    }
}
