package cn.degreehub.partner;

import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks partner passwords. PasswordText is checked against the account's hash; a successful check is
 * remembered (by a SHA-256 of the pair, never the password) so bcrypt does not run on every request.
 * PasswordDigest needs the shared secret, kept AES-GCM encrypted under the master key.
 */
public class Credentials {

    private static final String CIPHER_PREFIX = "{cipher}";
    private static final long VERIFIED_TTL_MILLIS = 5 * 60_000L;

    private final PartnerRegistry registry;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, String> digestSecrets = new HashMap<>();
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public Credentials(PartnerRegistry registry, String masterKeyBase64) {
        this.registry = registry;
        byte[] key = masterKeyBase64 == null || masterKeyBase64.isBlank() ? null
                : Base64.getDecoder().decode(masterKeyBase64.trim());
        for (AccountEntry a : registry.accountEntries()) {
            if (a.passwordHash() == null || a.passwordHash().isBlank()) {
                throw new IllegalStateException("Account " + a.username() + " has no password hash");
            }
            if (a.digestSecret() != null && !a.digestSecret().isBlank()) {
                if (key == null) {
                    throw new IllegalStateException("Account " + a.username()
                            + " has a digest secret but no master key is configured (DEGREEHUB_MASTER_KEY)");
                }
                digestSecrets.put(a.username(), decrypt(a.digestSecret(), key));
            }
        }
    }

    /** PasswordText check. */
    public boolean checkPassword(String username, String password) {
        Optional<AccountEntry> entry = registry.accountEntry(username);
        if (entry.isEmpty() || password == null) {
            return false;
        }
        String key = sha256(username + '\u0000' + password);
        Long until = verified.get(key);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return true;
        }
        boolean ok = encoder.matches(password, entry.get().passwordHash());
        if (ok) {
            if (verified.size() > 10_000) {
                verified.clear();
            }
            verified.put(key, now + VERIFIED_TTL_MILLIS);
        }
        return ok;
    }

    /** The shared secret for PasswordDigest, if the account may use digests. */
    public Optional<String> digestSecret(String username) {
        return Optional.ofNullable(digestSecrets.get(username));
    }

    /** True if any account still accepts the demo password {@code <username>-pass}. */
    public Optional<String> accountWithDemoPassword() {
        for (AccountEntry a : registry.accountEntries()) {
            String demo = a.username() + "-pass";
            if (encoder.matches(demo, a.passwordHash()) || demo.equals(digestSecrets.get(a.username()))) {
                return Optional.of(a.username());
            }
        }
        return Optional.empty();
    }

    public static String encrypt(String secret, String masterKeyBase64) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(masterKeyBase64), "AES"),
                    new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return CIPHER_PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decrypt(String value, byte[] key) {
        if (!value.startsWith(CIPHER_PREFIX)) {
            throw new IllegalStateException("A digest secret must be {cipher}-encoded");
        }
        try {
            byte[] in = Base64.getDecoder().decode(value.substring(CIPHER_PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a digest secret: wrong master key?", e);
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints a registry entry's password fields: {@code PasswordTool <username> <password> <masterKeyBase64>}. */
    public static void main(String[] args) {
        PasswordEncoder enc = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        System.out.println("passwordHash: \"" + enc.encode(args[1]) + "\"");
        if (args.length > 2) {
            System.out.println("digestSecret: \"" + encrypt(args[1], args[2]) + "\"");
        }
    }
}
