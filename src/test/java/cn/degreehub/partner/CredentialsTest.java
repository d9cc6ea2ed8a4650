package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Known and unknown user names cost the same: the unknown path does the same hash work (one bcrypt of the
 * registry's cost, one SHA-1 digest), asserted on the work done rather than on measured times.
 */
class CredentialsTest {

    private static final String MASTER_KEY = "IBBQcDkUBtWY08VeC+CYK26eGhrYNsSuRW5Z6BkadZY=";
    private static final String PORTAL_HASH = "{bcrypt}$2a$10$vz0Mx10SR8ZGO070s33y9e3yRN.5EGBrANB/N3HD568iVr3Br1GXK";

    /** Records every hash a password is compared with. */
    private static final class RecordingEncoder implements PasswordEncoder {
        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final List<String> compared = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            compared.add(encoded);
            return real.matches(raw, encoded);
        }
    }

    private final RecordingEncoder encoder = new RecordingEncoder();
    private final Credentials credentials = new Credentials(registry(), MASTER_KEY, encoder);

    @Test
    void anUnknownNameIsComparedWithAHashOfTheSameAlgorithmAndCost() {
        assertThat(credentials.checkPassword("portal", "guess")).isFalse();
        assertThat(credentials.checkPassword("nobody", "guess")).isFalse();
        assertThat(credentials.checkPassword("x".repeat(4000), null)).isFalse();

        assertThat(encoder.compared).hasSize(3);
        assertThat(encoder.compared.get(0)).isEqualTo(PORTAL_HASH);
        assertThat(encoder.compared.subList(1, 3)).allSatisfy(dummy -> {
            assertThat(dummy).isNotEqualTo(PORTAL_HASH);
            assertThat(dummy.substring(0, "{bcrypt}$2a$10$".length())).as("same algorithm and cost").isEqualTo("{bcrypt}$2a$10$");
        });
    }

    @Test
    void aRightPasswordIsCheckedOnceThenRemembered() {
        assertThat(credentials.checkPassword("portal", "portal-pass")).isTrue();
        assertThat(credentials.checkPassword("portal", "portal-pass")).isTrue();
        assertThat(encoder.compared).hasSize(1);
    }

    @Test
    void digestsOfUnknownNamesAreComputedAndRefused() throws Exception {
        byte[] nonce = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String created = "2026-11-23T02:00:00Z";
        assertThat(credentials.checkDigest("portal", nonce, created, digest(nonce, created, "portal-pass"))).isTrue();
        assertThat(credentials.checkDigest("portal", nonce, created, digest(nonce, created, "guess"))).isFalse();
        assertThat(credentials.checkDigest("nobody", nonce, created, digest(nonce, created, "nobody-pass"))).isFalse();
        assertThat(credentials.checkDigest(null, nonce, created, "x")).isFalse();
    }

    private static String digest(byte[] nonce, String created, String password) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonce);
        sha1.update(created.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sha1.digest());
    }

    private static PartnerRegistry registry() {
        PartnerRegistryProperties props = new PartnerRegistryProperties();
        props.setAccounts(List.of(new AccountEntry("portal", Role.PORTAL, null, null, null, PORTAL_HASH,
                Credentials.encrypt("portal-pass", MASTER_KEY))));
        return new PartnerRegistry(props);
    }
}
