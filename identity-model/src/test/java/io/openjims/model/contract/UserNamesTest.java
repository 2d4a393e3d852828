package io.openjims.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.contract.UserNames.UserDomain;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserNamesTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                // name, given domain, user, domain
                "alice, example.com, alice, example.com",
                "CORP\\alice, null, alice, CORP",
                "CORP\\alice, example.com, alice, example.com",
                "carol@example.com, null, carol, example.com",
                "carol@example.com, CORP, carol, CORP",
                "CORP\\dave@example.com, null, dave, CORP",
                "' bob @ corp.example ', null, bob, corp.example",
                "\\alice, null, alice, null",
                "alice@, null, alice, null",
                "@alice, null, @alice, null",
                "a@b@c, null, a@b@c, null",
                "a\\b\\c, x, a\\b\\c, x",
                "X\\a@b@c, null, a@b@c, X",
                "CORP\\, null, null, CORP",
                "'  ', '  ', null, null",
                "null, example.com, null, example.com"
            })
    void splits(String name, String domain, String user, String expectedDomain) {
        assertThat(UserNames.split(name, domain)).isEqualTo(new UserDomain(user, expectedDomain));
    }

    @Test
    void splittingTwiceChangesNothing() {
        String[] pieces = {"a", "b", "@", "\\", " ", "corp", "x.y"};
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int p = random.nextInt(7); p > 0; p--) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            String domain = random.nextBoolean() ? null : pieces[random.nextInt(pieces.length)];
            UserDomain once = UserNames.split(name.toString(), domain);
            assertThat(UserNames.split(once.user(), once.domain()))
                    .as("%s / %s", name, domain)
                    .isEqualTo(once);
        }
    }
}
