package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = Passwords.hash("correct horse battery", 4, random);

        assertThat(hash).startsWith("$2b$04$").hasSize(60);
        assertThat(Passwords.matches("correct horse battery", hash)).isTrue();
        assertThat(Passwords.matches("correct horse battery!", hash)).isFalse();
        assertThat(Passwords.matches("anything", "not a hash")).isFalse();
    }

    @Test
    void aDecoyCarriesTheCostItStandsInForAndMatchesNothing() {
        String decoy = Passwords.decoy(10, random);

        // Checking it runs bcrypt at cost 10, as checking a real account's hash does.
        assertThat(Passwords.costOf(decoy)).isEqualTo(10);
        assertThat(decoy).startsWith("$2b$10$").hasSize(60);
        assertThat(Passwords.matches("", decoy)).isFalse();
        assertThat(Passwords.matches("decoy password", decoy)).isFalse();
        assertThat(Passwords.decoy(10, random)).isNotEqualTo(decoy);
    }

    @Test
    void aDecoyForAnImpossibleCostIsRefused() {
        assertThatThrownBy(() -> Passwords.decoy(3, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Passwords.decoy(32, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
